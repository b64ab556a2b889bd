package io.keel.storage.internal;

import java.io.IOException;

/** Recognises "the file system is full" among I/O errors, which Java reports only by message. */
final class DiskFull {

    private DiskFull() {
    }

    static boolean is(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof IOException && message != null
                    && (message.contains("No space left on device") || message.contains("Disk quota exceeded")
                    || message.contains("There is not enough space on the disk"))) {
                return true;
            }
        }
        return false;
    }
}
