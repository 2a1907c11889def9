package org.easimage.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate JVM that builds one output, for the tests that kill a writer: {@code hold} stages an output and
 * waits to be killed; the other modes publish one and may be halted half-way by the failpoint system property
 * ({@code -Deasimage.failpoint.publish=N}). Every file it writes holds the text {@code new <name>}.
 */
public final class PublishChild {

    private PublishChild() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path target = Path.of(args[1]);
        Overwrite overwrite = Overwrite.valueOf(args[2]);
        switch (mode) {
            case "files" -> {
                AtomicOutput o = AtomicOutput.files(target, overwrite);
                for (int i = 3; i < args.length; i++) {
                    Files.writeString(o.stage(args[i]), "new " + args[i], StandardCharsets.UTF_8);
                }
                o.commit();
            }
            case "directory" -> {
                AtomicOutput o = AtomicOutput.directory(target, overwrite, d -> Files.exists(d.resolve("marker")));
                Files.writeString(o.temporary().resolve("marker"), "new marker", StandardCharsets.UTF_8);
                Files.writeString(o.temporary().resolve("data"), "new data", StandardCharsets.UTF_8);
                o.commit();
            }
            case "hold" -> {
                AtomicOutput o = AtomicOutput.file(target, overwrite);
                Files.writeString(o.temporary(), "partial", StandardCharsets.UTF_8);
                System.out.println("READY");
                System.out.flush();
                Thread.sleep(120_000);
            }
            default -> throw new IllegalArgumentException(mode);
        }
        System.out.println("DONE");
    }
}
