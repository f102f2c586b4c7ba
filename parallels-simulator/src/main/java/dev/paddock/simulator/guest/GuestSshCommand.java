package dev.paddock.simulator.guest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.jspecify.annotations.Nullable;

/** An SSH exec request ({@code ssh vm 'hostname'}) or an interactive shell, answered by {@link GuestCommands}. */
final class GuestSshCommand implements Command {

    private final GuestCommands commands;
    private final @Nullable String commandLine;
    private InputStream in = InputStream.nullInputStream();
    private OutputStream out = OutputStream.nullOutputStream();
    private OutputStream err = OutputStream.nullOutputStream();
    private @Nullable ExitCallback exit;

    GuestSshCommand(GuestCommands commands, @Nullable String commandLine) {
        this.commands = commands;
        this.commandLine = commandLine;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) {
        String user = environment.getEnv().getOrDefault(Environment.ENV_USER, "paddock");
        Thread.ofVirtual().start(() -> {
            int code = commandLine != null ? runOnce(commandLine, user, environment) : shell(user, environment);
            if (exit != null) {
                exit.onExit(code);
            }
        });
    }

    private int runOnce(String line, String user, Environment environment) {
        GuestCommands.Result result = commands.shell(line, user, environment.getEnv());
        write(out, result.stdout());
        write(err, result.stderr());
        return result.exitCode();
    }

    private int shell(String user, Environment environment) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            write(out, "$ ");
            String line;
            while ((line = reader.readLine()) != null) {
                List<String> argv = split(line);
                if (!argv.isEmpty() && argv.getFirst().equals("exit")) {
                    return argv.size() > 1
                            ? commands.run(argv, user, environment.getEnv()).exitCode()
                            : 0;
                }
                GuestCommands.Result result = commands.shell(line, user, environment.getEnv());
                write(out, result.stdout().replace("\n", "\r\n"));
                write(err, result.stderr().replace("\n", "\r\n"));
                write(out, "$ ");
            }
            return 0;
        } catch (IOException e) {
            return 1;
        }
    }

    private static List<String> split(String line) {
        return Arrays.stream(line.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static void write(OutputStream stream, String text) {
        if (text.isEmpty()) {
            return;
        }
        try {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
            stream.flush();
        } catch (IOException ignored) {
            // the client went away
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        // nothing held beyond the virtual thread, which ends with the streams
    }
}
