package com.seqplay.upload.api;

import com.seqplay.spec.InvalidSpecException;

/**
 * The name of an uploaded file as the client sent it, reduced to its last path element. The
 * name is shown with the dataset and in its error messages, so a request whose file has no name
 * (empty, {@code /}, a folder) is refused here rather than failing deeper down.
 */
final class UploadFileName {
    private UploadFileName() {}

    /** @throws InvalidSpecException naming {@code file} if nothing usable is left */
    static String of(String sent) {
        String original = sent == null ? "" : sent;
        // Browsers send the bare name; scripts and old browsers may send a Unix or Windows path.
        int lastSeparator = Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\'));
        String name = original.substring(lastSeparator + 1).strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new InvalidSpecException("file", "has no file name (sent as '" + original
                    + "'); upload the file under its own name, for example corpus.txt");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSpecException("file", "its name contains control characters");
        }
        return name;
    }
}
