package org.radassist.app.workstation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs I/O, decoding and inference off the JavaFX thread. The most recent task is exposed so the
 * status bar can show its progress and offer cancel; results come back through the task's handlers,
 * which JavaFX runs on its own thread.
 */
public final class BackgroundTasks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

  private final ExecutorService executor;
  private final AtomicInteger pending = new AtomicInteger();
  private final ObjectProperty<Task<?>> current = new SimpleObjectProperty<>(this, "current");

  public BackgroundTasks() {
    AtomicInteger n = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors() / 2),
            r -> {
              Thread t = new Thread(r, "radassist-task-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public ObjectProperty<Task<?>> currentProperty() {
    return current;
  }

  public <T> Task<T> submit(Task<T> task) {
    current.set(task);
    task.addEventHandler(
        WorkerStateEvent.WORKER_STATE_FAILED,
        e -> LOG.warn("Background task '{}' failed", task.getTitle(), task.getException()));
    run(task);
    return task;
  }

  /**
   * Runs a short task (e.g. decoding the next frame while scrolling) without taking over the status
   * bar, so scrolling does not flicker the progress of a longer task.
   */
  public <T> Task<T> submitQuietly(Task<T> task) {
    run(task);
    return task;
  }

  private void run(Task<?> task) {
    pending.incrementAndGet();
    executor.execute(
        () -> {
          try {
            task.run();
          } finally {
            pending.decrementAndGet();
          }
        });
  }

  /** True when no task is queued or running; safe to ask from any thread. */
  public boolean isIdle() {
    return pending.get() == 0;
  }

  /** Cancels the task the status bar shows, if it is still running. */
  public void cancelCurrent() {
    Task<?> task = current.get();
    if (task != null && task.isRunning()) {
      task.cancel(true);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
