package org.radassist.app.workstation;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;
import org.radassist.app.i18n.Messages;

/**
 * The status bar: what the background task is doing with its progress and a cancel button, the
 * device the model runs on, and the memory in use.
 */
final class StatusPanel {
  private final StatusBar bar = new StatusBar();
  private final Label device = new Label(Messages.text("status.device.notLoaded"));
  private final Label memory = new Label();
  private final Button cancel = new Button(Messages.text("status.cancel"));
  private final Timeline memoryTicker;

  StatusPanel(BackgroundTasks tasks) {
    bar.setId("status");
    bar.setText(Messages.text("status.ready"));
    cancel.setId("cancel");
    cancel.setDisable(true);
    cancel.setOnAction(e -> tasks.cancelCurrent());
    device.setId("device");
    bar.getRightItems()
        .addAll(
            cancel,
            new Separator(Orientation.VERTICAL),
            device,
            new Separator(Orientation.VERTICAL),
            memory);
    tasks.currentProperty().addListener((obs, old, task) -> follow(task));
    memoryTicker = new Timeline(new KeyFrame(Duration.seconds(2), e -> updateMemory()));
    memoryTicker.setCycleCount(Timeline.INDEFINITE);
    memoryTicker.play();
    updateMemory();
  }

  StatusBar node() {
    return bar;
  }

  void setDevice(String name) {
    device.setText(Messages.format("status.device", name));
  }

  void message(String text) {
    bar.textProperty().unbind();
    bar.setText(text);
  }

  private void follow(Task<?> task) {
    bar.textProperty().bind(task.messageProperty());
    bar.progressProperty().bind(task.progressProperty());
    cancel.disableProperty().bind(task.runningProperty().not());
    task.runningProperty()
        .addListener(
            (obs, was, running) -> {
              if (!running) {
                bar.progressProperty().unbind();
                bar.setProgress(0);
              }
            });
  }

  private void updateMemory() {
    Runtime rt = Runtime.getRuntime();
    long used = (rt.totalMemory() - rt.freeMemory()) >> 20;
    memory.setText(Messages.format("status.memory", used, rt.maxMemory() >> 20));
  }

  void stop() {
    memoryTicker.stop();
  }
}
