package org.radassist.dicom.web;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body that notes when the HTTP client last took bytes from it. A timeout over the whole
 * request would fail any batch a slow uplink needs longer to send than the timeout, so STOW-RS
 * measures inactivity instead: no byte taken while sending, or no answer once everything was sent.
 */
final class UploadWatch implements HttpRequest.BodyPublisher {
  private final HttpRequest.BodyPublisher body;
  private volatile long lastActivity = System.nanoTime();
  private volatile long sent;
  private volatile boolean complete;

  UploadWatch(HttpRequest.BodyPublisher body) {
    this.body = body;
  }

  @Override
  public long contentLength() {
    return body.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    body.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            lastActivity = System.nanoTime();
            subscriber.onSubscribe(subscription);
          }

          @Override
          public void onNext(ByteBuffer item) {
            sent += item.remaining();
            lastActivity = System.nanoTime();
            subscriber.onNext(item);
          }

          @Override
          public void onError(Throwable throwable) {
            subscriber.onError(throwable);
          }

          @Override
          public void onComplete() {
            complete = true;
            lastActivity = System.nanoTime();
            subscriber.onComplete();
          }
        });
  }

  long nanosSinceActivity() {
    return System.nanoTime() - lastActivity;
  }

  long sent() {
    return sent;
  }

  /** True once the whole body was handed to the connection: resending it would store it twice. */
  boolean complete() {
    return complete;
  }
}
