package io.keel.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KeelCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = KeelCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void versionNamesTheBuild() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("keel 0.1.0");
    }

    @Test
    void serveHelpListsEverySettingAsAFlagWithItsVariable() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString())
                .contains("--port")
                .contains("KEEL_PORT")
                .contains("--max-concurrency-per-agent")
                .contains("--config");
    }

    @Test
    void aNonLoopbackHostIsRefusedWithoutKeys() {
        assertThat(run("serve", "--host", "0.0.0.0")).isEqualTo(ServeCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("KEEL_HOST: '0.0.0.0' is not a loopback address");
    }

    @Test
    void aBadFlagValueIsRefusedNamingTheFlag() {
        assertThat(run("serve", "--port", "abc")).isEqualTo(ServeCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("--port: expected an integer 0..65535, was 'abc'");
    }
}
