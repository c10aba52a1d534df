package com.seqplay.upload.api;

import com.seqplay.upload.UploadedDataset;

/** The id in {@code /api/datasets/{id}}: the reference as listed ({@code upload:12}) or the bare number. */
final class UploadId {
    private UploadId() {}

    static long parse(String text) {
        String number = text.startsWith(UploadedDataset.PREFIX) ? text.substring(UploadedDataset.PREFIX.length()) : text;
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new com.seqplay.spec.InvalidSpecException("id", "'" + text + "' is not an upload id such as upload:12");
        }
    }
}
