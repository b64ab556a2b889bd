package io.keel.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code keel}: the command line (bin/keel runs this class). {@code keel serve} starts the server;
 * {@code keel --help} and {@code keel --version} say what there is.
 */
@Command(name = "keel",
        mixinStandardHelpOptions = true,
        versionProvider = KeelCli.Version.class,
        description = "Keel: governed, cached, balanced, durable execution of agent operations.",
        subcommands = {ServeCommand.class, io.keel.server.loadtest.LoadtestCommand.class, CommandLine.HelpCommand.class})
public final class KeelCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests that run it in-process with their own streams. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new KeelCli());
        ServeCommand.addSettingOptions(cli.getSubcommands().get("serve"));
        return cli;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        spec.commandLine().usage(out);
    }

    /** Reads the version Maven wrote into version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = KeelCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"keel " + properties.getProperty("version", "unknown")};
        }
    }
}
