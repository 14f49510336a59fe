package org.radassist.inference.preprocess;

/**
 * The affine map between continuous image coordinates and continuous tensor coordinates, one scale
 * and offset per axis: {@code u = x * scaleX + offsetX}, {@code v = y * scaleY + offsetY}. Pixel
 * {@code (i, j)} covers {@code [i, i+1) x [j, j+1)} in its own grid, so pixel centres sit at {@code
 * +0.5}. Stretch, letterbox and centre crop are all of this form; a centre crop has a negative
 * offset (image parts outside the tensor are not seen by the model), a letterbox a positive one
 * (padding).
 */
public record ImageMapping(
    int imageWidth,
    int imageHeight,
    int tensorWidth,
    int tensorHeight,
    double scaleX,
    double scaleY,
    double offsetX,
    double offsetY) {

  /** The mapping a resize policy of the model card gives for an image of the given size. */
  public static ImageMapping of(
      String resize, int imageWidth, int imageHeight, int tensorWidth, int tensorHeight) {
    double sx = (double) tensorWidth / imageWidth;
    double sy = (double) tensorHeight / imageHeight;
    return switch (resize) {
      case "stretch" ->
          new ImageMapping(imageWidth, imageHeight, tensorWidth, tensorHeight, sx, sy, 0, 0);
      case "letterbox" ->
          centred(imageWidth, imageHeight, tensorWidth, tensorHeight, Math.min(sx, sy));
      case "shorter-side-center-crop" ->
          centred(imageWidth, imageHeight, tensorWidth, tensorHeight, Math.max(sx, sy));
      default -> throw new IllegalArgumentException("unknown resize policy " + resize);
    };
  }

  private static ImageMapping centred(int w, int h, int tw, int th, double s) {
    return new ImageMapping(w, h, tw, th, s, s, (tw - w * s) / 2.0, (th - h * s) / 2.0);
  }

  public double toTensorX(double x) {
    return x * scaleX + offsetX;
  }

  public double toTensorY(double y) {
    return y * scaleY + offsetY;
  }

  public double toImageX(double u) {
    return (u - offsetX) / scaleX;
  }

  public double toImageY(double v) {
    return (v - offsetY) / scaleY;
  }

  /** Whether the centre of image pixel (x, y) lies inside the tensor, i.e. the model saw it. */
  public boolean seenByModel(int x, int y) {
    double u = toTensorX(x + 0.5);
    double v = toTensorY(y + 0.5);
    return u >= 0 && u <= tensorWidth && v >= 0 && v <= tensorHeight;
  }
}
