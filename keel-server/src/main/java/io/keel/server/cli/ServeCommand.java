package io.keel.server.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.keel.server.KeelServer;
import io.keel.server.config.ConfigLoader;
import io.keel.server.config.KeelConfig;
import io.keel.server.config.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code keel serve}: reads the configuration (defaults, keel.yaml, {@code KEEL_*}, flags), starts the
 * server and prints exactly one line to stdout when it is ready:
 * {@code Keel is ready: dashboard at http://HOST:PORT/}. SIGTERM or Ctrl-C shut it down gracefully.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the Keel server.",
                "Every setting is read from, in rising precedence: defaults, keel.yaml (--config, or ./keel.yaml),",
                "the environment (KEEL_<NAME>), and the flags below."})
final class ServeCommand implements Callable<Integer> {

    static final int CONFIG_ERROR = 2;
    static final int START_ERROR = 1;

    @Option(names = "--config", paramLabel = "FILE", description = "keel.yaml to read (default ./keel.yaml if present)")
    private Path configFile;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** One flag per {@link Setting}, generated so flags, variables and YAML keys never drift apart. */
    static void addSettingOptions(CommandLine serve) {
        for (Setting setting : Setting.values()) {
            serve.getCommandSpec().addOption(OptionSpec.builder(setting.flag())
                    .type(String.class)
                    .paramLabel("<" + setting.key() + ">")
                    .description(setting.description() + " (" + setting.envName() + ")")
                    .build());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            OptionSpec option = spec.findOption(setting.flag());
            String value = option.getValue();
            if (value != null) {
                flags.put(setting, value);
            }
        }
        KeelConfig config;
        KeelServer server;
        try {
            config = ConfigLoader.load(configFile, System.getenv(), flags);
            server = KeelServer.start(config);
        } catch (IllegalArgumentException | IllegalStateException e) {
            spec.commandLine().getErr().println("keel: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return CONFIG_ERROR;
        } catch (RuntimeException e) {
            // e.g. the database does not answer: say what, without a stack trace
            spec.commandLine().getErr().println("keel: cannot start: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return START_ERROR;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int status = 0;
            try {
                server.stop();
            } catch (RuntimeException e) {
                System.err.println("keel: shutdown failed: " + e);
                status = 1;
            }
            stopped.countDown();
            // A stop that drained everything is a clean exit: 0, not the JVM's 143 for a SIGTERM. Halting
            // here is safe: the server closed its own resources, and it registers no other hooks.
            Runtime.getRuntime().halt(status);
        }, "keel-shutdown"));
        System.out.println("Keel is ready: dashboard at " + server.url());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
