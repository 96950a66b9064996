package io.cryptopipe.exchangesim.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Binance's live control messages on a stream connection (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY,
 * GET_PROPERTY) and its error replies: code 0 unknown property, 1 invalid value type, 2 invalid request,
 * 3 invalid JSON.
 */
final class ControlRequests implements SessionControl {

    private static final String METHODS = "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`";
    private static final String COMBINED = "combined";

    private final ObjectMapper json;
    private final Set<String> tradableStreams;
    private final TradeBroadcaster broadcaster;

    /** @param tradableStreams the streams that carry trades here; SUBSCRIBE to anything else is refused */
    ControlRequests(ObjectMapper json, Set<String> tradableStreams, TradeBroadcaster broadcaster) {
        this.json = json;
        this.tradableStreams = Set.copyOf(tradableStreams);
        this.broadcaster = broadcaster;
    }

    /** Applies one client message to {@code session} and sends it the reply. */
    @Override
    public void handle(StreamSession session, String message) {
        JsonNode request;
        try {
            request = json.readTree(message);
        } catch (JsonProcessingException e) {
            session.send(error(NullNode.getInstance(), 3, "Invalid JSON: " + e.getOriginalMessage()));
            return;
        }
        if (request == null || !request.isObject()) {
            session.send(error(NullNode.getInstance(), 2, "Invalid request: expected a JSON object"));
            return;
        }
        JsonNode id = request.path("id");
        if (!validId(id)) {
            session.send(error(NullNode.getInstance(), 2,
                    "Invalid request: request ID must be an unsigned integer, a string of up to 36 letters and digits, or null"));
            return;
        }
        id = id.isMissingNode() ? NullNode.getInstance() : id;
        JsonNode method = request.get("method");
        if (method == null || !method.isTextual()) {
            session.send(error(id, 2, "Invalid request: missing field `method`"));
            return;
        }
        JsonNode params = request.path("params");
        switch (method.asText()) {
            case "SUBSCRIBE" -> subscribe(session, id, params);
            case "UNSUBSCRIBE" -> session.send(unsubscribe(session, id, params));
            case "LIST_SUBSCRIPTIONS" -> session.send(result(id, stringArray(session.streams())));
            case "SET_PROPERTY" -> session.send(setProperty(session, id, params));
            case "GET_PROPERTY" -> session.send(getProperty(session, id, params));
            default -> session.send(error(id, 2,
                    "Invalid request: unknown variant `" + method.asText() + "`, expected one of " + METHODS));
        }
    }

    private void subscribe(StreamSession session, JsonNode id, JsonNode params) {
        List<String> streams = streamNames(params);
        if (streams == null) {
            session.send(error(id, 2, "Invalid request: params must be a non-empty array of stream names"));
            return;
        }
        for (String stream : streams) {
            if (!tradableStreams.contains(stream)) {
                session.send(error(id, 2, "Invalid request: unknown stream `" + stream + "`, expected one of "
                        + tradableStreams.stream().sorted().toList()));
                return;
            }
        }
        // Reply first, so the confirmation precedes the stream's first event as on Binance.
        session.send(result(id, NullNode.getInstance()));
        broadcaster.subscribe(session, streams);
    }

    private String unsubscribe(StreamSession session, JsonNode id, JsonNode params) {
        List<String> streams = streamNames(params);
        if (streams == null) {
            return error(id, 2, "Invalid request: params must be a non-empty array of stream names");
        }
        broadcaster.unsubscribe(session, streams);
        return result(id, NullNode.getInstance());
    }

    private String setProperty(StreamSession session, JsonNode id, JsonNode params) {
        if (!params.isArray() || params.size() != 2 || !params.get(0).isTextual()) {
            return error(id, 2, "Invalid request: params must be [property name, value]");
        }
        if (!COMBINED.equals(params.get(0).asText())) {
            return error(id, 0, "Unknown property");
        }
        if (!params.get(1).isBoolean()) {
            return error(id, 1, "Invalid value type: expected Boolean");
        }
        session.combined(params.get(1).asBoolean());
        return result(id, NullNode.getInstance());
    }

    private String getProperty(StreamSession session, JsonNode id, JsonNode params) {
        if (!params.isArray() || params.size() != 1 || !params.get(0).isTextual()) {
            return error(id, 2, "Invalid request: params must be [property name]");
        }
        if (!COMBINED.equals(params.get(0).asText())) {
            return error(id, 0, "Unknown property");
        }
        return result(id, json.getNodeFactory().booleanNode(session.combined()));
    }

    private static boolean validId(JsonNode id) {
        return id.isMissingNode() || id.isNull()
                || (id.isIntegralNumber() && id.canConvertToLong() && id.asLong() >= 0)
                || (id.isTextual() && id.asText().matches("[A-Za-z0-9]{1,36}"));
    }

    /** The params as stream names, or null when they are not a non-empty array of strings. */
    private static List<String> streamNames(JsonNode params) {
        if (!params.isArray() || params.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode param : params) {
            if (!param.isTextual()) {
                return null;
            }
            names.add(param.asText());
        }
        return names;
    }

    private ArrayNode stringArray(List<String> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private String result(JsonNode id, JsonNode result) {
        ObjectNode reply = json.createObjectNode();
        reply.set("result", result);
        reply.set("id", id);
        return reply.toString();
    }

    private String error(JsonNode id, int code, String msg) {
        ObjectNode reply = json.createObjectNode();
        reply.putObject("error").put("code", code).put("msg", msg);
        reply.set("id", id);
        return reply.toString();
    }
}
