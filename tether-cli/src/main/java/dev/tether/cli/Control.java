package dev.tether.cli;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.Schema;
import dev.tether.control.ControlService;
import dev.tether.control.store.StoreException;

/** Opens the supervision core from the configuration, its database in {@code $TETHER_HOME/data/}. */
final class Control {
  private Control() {}

  static ControlService open(Config config, TetherHome home) {
    ControlService.Config settings = ControlService.Config.defaults()
        .withRetentionDays(config.integer(Schema.CONTROL_RETENTION_DAYS))
        .withApprovalTimeout(config.duration(Schema.CONTROL_APPROVAL_TIMEOUT))
        .withStopWait(config.duration(Schema.CONTROL_STOP_WAIT))
        .withAway(config.bool(Schema.CONTROL_AWAY));
    try {
      return ControlService.open(home.root().resolve("data"), settings);
    } catch (StoreException e) {
      throw new UserError(e.getMessage());
    }
  }
}
