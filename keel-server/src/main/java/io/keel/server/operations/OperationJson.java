package io.keel.server.operations;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.keel.server.records.OperationRecord;

/**
 * The API's shapes of an operation (API.md, Operations), built from its record.
 *
 * <p>Each shape writes itself field by field to Jackson's generator: every {@code ?wait=} answer, GET and list item
 * goes through here, and building a map of boxed values first, then having Jackson look up a serializer per
 * value, cost a fifth of a submit's CPU. Nulls are written, as the API shows every field; instants are
 * ISO-8601 as elsewhere ({@link Instant#toString()} is that format).
 */
public final class OperationJson {

    private OperationJson() {
    }

    /** The full shape: GET one, list items, {@code ?wait=} answers, SSE events. */
    public static JsonSerializable full(OperationRecord record) {
        return new Shape(record, true);
    }

    /** The short shape a 202 answers with. */
    public static JsonSerializable accepted(OperationRecord record) {
        return new Shape(record, false);
    }

    private record Shape(OperationRecord record, boolean full) implements JsonSerializable {

        @Override
        public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
            OperationRecord r = record;
            gen.writeStartObject();
            gen.writeStringField("id", r.id());
            if (!full) {
                gen.writeStringField("status", r.status());
                gen.writeStringField("agent", r.agent());
                gen.writeNumberField("priority", r.priority());
                writeInstant(gen, "createdAt", r.createdAt());
                gen.writeEndObject();
                return;
            }
            gen.writeStringField("agent", r.agent());
            gen.writeStringField("status", r.status());
            gen.writeNumberField("priority", r.priority());
            writeInstant(gen, "createdAt", r.createdAt());
            writeInstant(gen, "startedAt", r.startedAt());
            writeInstant(gen, "finishedAt", r.finishedAt());
            writeLong(gen, "durationMs", r.startedAt() == null || r.finishedAt() == null
                    ? null : Duration.between(r.startedAt(), r.finishedAt()).toMillis());
            gen.writeObjectFieldStart("progress");
            gen.writeNumberField("percent", r.progressPercent());
            gen.writeStringField("step", r.progressStep());
            gen.writeNumberField("stepIndex", r.progressStepIndex());
            gen.writeNumberField("stepCount", r.progressStepCount());
            writeLong(gen, "etaMs", r.etaMs());
            gen.writeEndObject();
            gen.writeFieldName("result");
            if (r.resultJson() == null) {
                gen.writeNull();
            } else {
                gen.writeRawValue(r.resultJson());
            }
            if (r.errorType() == null && r.errorMessage() == null) {
                gen.writeNullField("error");
            } else {
                gen.writeObjectFieldStart("error");
                gen.writeStringField("type", r.errorType());
                gen.writeStringField("message", r.errorMessage());
                gen.writeEndObject();
            }
            gen.writeBooleanField("cached", r.cached());
            gen.writeNumberField("attempts", r.attempts());
            writeLong(gen, "timeoutMs", r.timeoutMs());
            gen.writeStringField("idempotencyKey", r.idempotencyKey());
            gen.writeEndObject();
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
                throws IOException {
            serialize(gen, serializers); // never polymorphic
        }

        private static void writeInstant(JsonGenerator gen, String name, Instant value) throws IOException {
            gen.writeStringField(name, value == null ? null : value.toString());
        }

        private static void writeLong(JsonGenerator gen, String name, Long value) throws IOException {
            if (value == null) {
                gen.writeNullField(name);
            } else {
                gen.writeNumberField(name, value);
            }
        }
    }
}
