package io.chipledger.analytics.kafka;

import java.util.Map;

/**
 * One message for a topic: its key (the aggregate, so one wallet's messages keep their order in
 * one partition), its value (the JSON envelope, UTF-8) and its headers (texts, UTF-8 on the wire).
 */
public record StreamMessage(String topic, String key, byte[] value, Map<String, String> headers) {

    /** The bytes the message takes in a record batch, near enough to hold it under the broker's limit. */
    public int size() {
        int size = key.length() * 3 + value.length;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            size += header.getKey().length() + header.getValue().length() * 3 + 8;
        }
        return size;
    }
}
