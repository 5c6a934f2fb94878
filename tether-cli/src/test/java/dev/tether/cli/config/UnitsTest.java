package dev.tether.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void sizesUseDecimalAndBinaryUnitsAsWritten() {
    assertThat(Units.parseBytes("18GB")).isEqualTo(18_000_000_000L);
    assertThat(Units.parseBytes("20GiB")).isEqualTo(20L << 30);
    assertThat(Units.parseBytes("512 MiB")).isEqualTo(512L << 20);
    assertThat(Units.parseBytes("1.5G")).isEqualTo(3L << 29);
    assertThat(Units.parseBytes("4096")).isEqualTo(4096);
    assertThatThrownBy(() -> Units.parseBytes("18 apples")).hasMessageContaining("not a size");
  }

  @Test
  void tokenCountsUseBinaryThousands() {
    assertThat(Units.parseTokens("64k")).isEqualTo(65536);
    assertThat(Units.parseTokens("128K")).isEqualTo(131072);
    assertThat(Units.parseTokens("1m")).isEqualTo(1 << 20);
    assertThat(Units.parseTokens("32768")).isEqualTo(32768);
    assertThatThrownBy(() -> Units.parseTokens("64kb")).hasMessageContaining("not a token count");
    assertThatThrownBy(() -> Units.parseTokens("99999999k")).hasMessageContaining("too many");
  }

  @Test
  void durationsDefaultToSeconds() {
    assertThat(Units.parseDuration("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Units.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Units.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Units.parseDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
  }

  @Test
  void formattingReadsBack() {
    assertThat(Units.formatBytes(20L << 30)).isEqualTo("20.0 GiB");
    assertThat(Units.formatBytes(812L << 20)).isEqualTo("812 MiB");
    assertThat(Units.formatTokens(65536)).isEqualTo("64k");
    assertThat(Units.formatDuration(Duration.ofMinutes(10))).isEqualTo("10m");
  }
}
