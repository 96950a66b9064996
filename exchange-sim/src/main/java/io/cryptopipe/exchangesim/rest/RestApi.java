package io.cryptopipe.exchangesim.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimTrade;
import io.cryptopipe.exchangesim.market.EightDecimals;
import io.cryptopipe.exchangesim.market.Market;
import io.cryptopipe.exchangesim.market.SymbolSpec;
import io.cryptopipe.exchangesim.market.TradeHistory;
import io.cryptopipe.exchangesim.stream.BybitStreams;
import io.cryptopipe.exchangesim.stream.CoinbaseStreams;
import io.cryptopipe.exchangesim.stream.KrakenStreams;
import io.cryptopipe.exchangesim.stream.VenueSymbols;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The public market-data part of Binance's spot REST API that a trade pipeline needs: ping, time, exchangeInfo,
 * trades and historicalTrades, answered from the simulator's own history with Binance's shapes and error codes.
 */
public final class RestApi extends Handler.Abstract.NonBlocking {

    private static final int DEFAULT_LIMIT = 500;
    /** Kraken's recent trades, under the simulator's {@code /kraken} as its WebSocket is. */
    private static final String KRAKEN_TRADES = "/" + KrakenStreams.EXCHANGE + "/0/public/Trades";
    /** Bybit's latest spot trades, under {@code /bybit}. */
    private static final String BYBIT_RECENT_TRADES = "/" + BybitStreams.EXCHANGE + "/v5/market/recent-trade";
    private static final int BYBIT_SPOT_LIMIT = 60;
    private static final int MAX_LIMIT = 1000;
    private static final String USED_WEIGHT = "X-MBX-USED-WEIGHT-1M";

    private final Market market;
    private final ObjectMapper json;
    private final LongSupplier wallMillis;
    private final FaultPlan faults;
    private final AtomicLong historicalRequests = new AtomicLong();
    /** When the market opened (wall millis), or -1 before: a REST outage is timed from it. */
    private final AtomicLong marketOpenedAt = new AtomicLong(-1);
    private final RequestWeight weight;

    public RestApi(Market market, ObjectMapper json, LongSupplier wallMillis) {
        this(market, json, wallMillis, FaultPlan.NONE);
    }

    /** @param faults its {@link FaultPlan#restThrottleEveryNth()} refuses some historicalTrades requests */
    public RestApi(Market market, ObjectMapper json, LongSupplier wallMillis, FaultPlan faults) {
        this.market = market;
        this.json = json;
        this.wallMillis = wallMillis;
        this.faults = faults;
        this.weight = new RequestWeight(wallMillis);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            return false;
        }
        Fields query = Request.extractQueryParameters(request);
        String path = Request.getPathInContext(request);
        if ((path.startsWith("/api/") || path.startsWith(CoinbaseStreams.PATH + "/") || path.equals(KRAKEN_TRADES)
                || path.equals(BYBIT_RECENT_TRADES)) && down(response, callback)) {
            return true;
        }
        if (path.equals(KRAKEN_TRADES)) {
            krakenTrades(query, response, callback);
            return true;
        }
        if (path.equals(BYBIT_RECENT_TRADES)) {
            bybitRecentTrades(query, response, callback);
            return true;
        }
        if (path.equals("/api/v3/historicalTrades") && throttled(response, callback)) {
            return true;
        }
        if (path.startsWith(CoinbaseStreams.PATH + "/products/") && path.endsWith("/trades")) {
            coinbaseTrades(path, query, response, callback);
            return true;
        }
        response.getHeaders().put(USED_WEIGHT, Long.toString(weight.add(weightOf(path))));
        JsonNode body;
        try {
            body = switch (path) {
                case "/api/v3/ping" -> json.createObjectNode();
                case "/api/v3/time" -> json.createObjectNode().put("serverTime", wallMillis.getAsLong());
                case "/api/v3/exchangeInfo" -> exchangeInfo(query);
                case "/api/v3/trades" -> trades(history(query).latest(limit(query)));
                case "/api/v3/historicalTrades" -> historicalTrades(query);
                case "/api/v3/aggTrades" -> aggTrades(query);
                default -> null;
            };
        } catch (BadRequest e) {
            ObjectNode error = json.createObjectNode().put("code", e.code()).put("msg", e.getMessage());
            write(response, HttpStatus.BAD_REQUEST_400, error, callback);
            return true;
        }
        if (body == null) {
            return false;
        }
        write(response, HttpStatus.OK_200, body, callback);
        return true;
    }

    /** Binance's request weights: 25 for historicalTrades, 20 for exchangeInfo, 1 for the rest. */
    private static int weightOf(String path) {
        return switch (path) {
            case "/api/v3/historicalTrades" -> 25;
            case "/api/v3/exchangeInfo" -> 20;
            case "/api/v3/aggTrades" -> 4;
            default -> 1;
        };
    }

    /** The market opened now: a {@link FaultPlan#restDownAfter()} outage counts from here. */
    public void marketOpened() {
        marketOpenedAt.compareAndSet(-1, wallMillis.getAsLong());
    }

    /** Answers 503 while the fault plan's REST outage lasts. */
    private boolean down(Response response, Callback callback) {
        long opened = marketOpenedAt.get();
        if (!FaultPlan.on(faults.restDownFor()) || opened < 0) {
            return false;
        }
        long sinceOpen = wallMillis.getAsLong() - opened;
        long from = faults.restDownAfter().toMillis();
        if (sinceOpen < from || sinceOpen >= from + faults.restDownFor().toMillis()) {
            return false;
        }
        ObjectNode error = json.createObjectNode().put("code", -1001).put("msg", "Service unavailable (simulated REST outage).");
        write(response, HttpStatus.SERVICE_UNAVAILABLE_503, error, callback);
        return true;
    }

    private boolean throttled(Response response, Callback callback) {
        int nth = faults.restThrottleEveryNth();
        if (nth == 0 || historicalRequests.incrementAndGet() % nth != 0) {
            return false;
        }
        int status = faults.restBan() ? HttpStatus.IM_A_TEAPOT_418 : HttpStatus.TOO_MANY_REQUESTS_429;
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        ObjectNode error = json.createObjectNode().put("code", -1003)
                .put("msg", faults.restBan() ? "Way too many requests; IP banned until further notice."
                        : "Too many requests; current limit is 6000 request weight per 1 MINUTE.");
        write(response, status, error, callback);
        return true;
    }

    private ObjectNode exchangeInfo(Fields query) {
        String only = query.getValue("symbol");
        List<SymbolSpec> specs = market.specs().stream()
                .filter(spec -> !VenueSymbols.isVenueSymbol(spec.symbol()))
                .filter(spec -> only == null || spec.symbol().equals(only))
                .toList();
        if (specs.isEmpty()) {
            throw BadRequest.invalidSymbol();
        }
        ObjectNode info = json.createObjectNode();
        info.put("timezone", "UTC");
        info.put("serverTime", wallMillis.getAsLong());
        info.putArray("rateLimits");
        info.putArray("exchangeFilters");
        ArrayNode symbols = info.putArray("symbols");
        for (SymbolSpec spec : specs) {
            symbols.addObject()
                    .put("symbol", spec.symbol())
                    .put("status", "TRADING")
                    .put("baseAsset", spec.baseAsset())
                    .put("baseAssetPrecision", 8)
                    .put("quoteAsset", spec.quoteAsset())
                    .put("quoteAssetPrecision", 8);
        }
        return info;
    }

    private ArrayNode historicalTrades(Fields query) {
        TradeHistory history = history(query);
        int limit = limit(query);
        String fromId = query.getValue("fromId");
        return trades(fromId == null ? history.latest(limit) : history.from(number("fromId", fromId), limit));
    }

    /**
     * Aggregate trades, each of the simulator's trades its own aggregate (Binance merges same-price fills of one
     * taker order; {@code f}..{@code l} are the trade ids either way): by {@code startTime} (optionally bounded by
     * {@code endTime}), by {@code fromId}, or the latest.
     */
    private ArrayNode aggTrades(Fields query) {
        TradeHistory history = history(query);
        int limit = limit(query);
        String startTime = query.getValue("startTime");
        String endTime = query.getValue("endTime");
        String fromId = query.getValue("fromId");
        List<SimTrade> trades;
        if (startTime != null) {
            long first = history.firstIdAtOrAfter(number("startTime", startTime));
            trades = first < 0 ? List.of() : history.from(first, limit);
        } else if (fromId != null) {
            trades = history.from(number("fromId", fromId), limit);
        } else {
            trades = history.latest(limit);
        }
        long end = endTime == null ? Long.MAX_VALUE : number("endTime", endTime);
        ArrayNode out = json.createArrayNode();
        for (SimTrade trade : trades) {
            if (trade.tradeTimeMs() > end) {
                break;
            }
            out.addObject()
                    .put("a", trade.id())
                    .put("p", trade.price())
                    .put("q", trade.quantity())
                    .put("f", trade.id())
                    .put("l", trade.id())
                    .put("T", trade.tradeTimeMs())
                    .put("m", trade.buyerMaker())
                    .put("M", true);
        }
        return out;
    }

    private ArrayNode trades(List<SimTrade> trades) {
        ArrayNode out = json.createArrayNode();
        for (SimTrade trade : trades) {
            BigDecimal quoteQty = new BigDecimal(trade.price()).multiply(new BigDecimal(trade.quantity()))
                    .setScale(8, RoundingMode.HALF_UP);
            out.addObject()
                    .put("id", trade.id())
                    .put("price", trade.price())
                    .put("qty", trade.quantity())
                    .put("quoteQty", EightDecimals.format(quoteQty.unscaledValue().longValueExact()))
                    .put("time", trade.tradeTimeMs())
                    .put("isBuyerMaker", trade.buyerMaker())
                    .put("isBestMatch", true);
        }
        return out;
    }

    /**
     * Coinbase's {@code GET /products/<id>/trades}: newest first; {@code after=X} pages to trades older than X,
     * {@code before=X} to newer ones; CB-BEFORE and CB-AFTER name the page's first and last trade ids.
     */
    private void coinbaseTrades(String path, Fields query, Response response, Callback callback) {
        String product = path.substring((CoinbaseStreams.PATH + "/products/").length(), path.length() - "/trades".length());
        TradeHistory history = market.history(CoinbaseStreams.EXCHANGE + ":" + product).orElse(null);
        if (history == null) {
            write(response, HttpStatus.NOT_FOUND_404, json.createObjectNode().put("message", "NotFound"), callback);
            return;
        }
        String limitText = query.getValue("limit");
        String after = query.getValue("after");
        String before = query.getValue("before");
        int limit = limitText == null ? MAX_LIMIT : (int) Math.max(1, Math.min(MAX_LIMIT, parseOr(limitText, MAX_LIMIT)));
        List<SimTrade> page;
        if (after != null) {
            long upTo = parseOr(after, 0);
            long from = Math.max(0, upTo - limit);
            page = history.from(from, limit).stream().filter(trade -> trade.id() < upTo).toList();
        } else if (before != null) {
            page = history.from(parseOr(before, 0) + 1, limit);
        } else {
            page = history.latest(limit);
        }
        ArrayNode out = json.createArrayNode();
        for (int i = page.size() - 1; i >= 0; i--) {
            SimTrade trade = page.get(i);
            out.addObject()
                    .put("time", CoinbaseStreams.isoMicros(trade.tradeTimeMs()))
                    .put("trade_id", trade.id())
                    .put("price", trade.price())
                    .put("size", trade.quantity())
                    .put("side", trade.buyerMaker() ? "buy" : "sell");
        }
        if (!page.isEmpty()) {
            response.getHeaders().put("CB-BEFORE", Long.toString(page.get(page.size() - 1).id()));
            response.getHeaders().put("CB-AFTER", Long.toString(page.get(0).id()));
        }
        write(response, HttpStatus.OK_200, out, callback);
    }

    /**
     * Kraken's {@code GET /0/public/Trades?pair=&since=&count=}: oldest first, the trades made after {@code since}
     * (epoch nanoseconds; without it the latest), at most {@code count} (1000 by default and at most); each trade is
     * {@code [price, volume, time in seconds, b|s (taker side), m|l, misc, trade_id]}, and {@code last} is the
     * cursor for the next page. Errors come, as Kraken sends them, with HTTP 200 and a non-empty {@code error} list.
     */
    private void krakenTrades(Fields query, Response response, Callback callback) {
        String pair = query.getValue("pair");
        TradeHistory history = pair == null ? null : market.history(KrakenStreams.EXCHANGE + ":" + pair).orElse(null);
        ObjectNode out = json.createObjectNode();
        if (history == null) {
            out.putArray("error").add("EQuery:Unknown asset pair");
            write(response, HttpStatus.OK_200, out, callback);
            return;
        }
        String countText = query.getValue("count");
        int count = countText == null ? MAX_LIMIT : (int) Math.max(1, Math.min(MAX_LIMIT, parseOr(countText, MAX_LIMIT)));
        String since = query.getValue("since");
        List<SimTrade> page;
        if (since == null) {
            page = history.latest(count);
        } else {
            long sinceNanos = parseOr(since, 0);
            long firstId = history.firstIdAtOrAfter(sinceNanos / 1_000_000);
            page = firstId < 0 ? List.of() : history.from(firstId, count + 1_000).stream()
                    .filter(trade -> trade.tradeTimeMs() * 1_000_000 > sinceNanos).limit(count).toList();
        }
        out.putArray("error");
        ObjectNode result = out.putObject("result");
        ArrayNode trades = result.putArray(pair);
        for (SimTrade trade : page) {
            trades.addArray()
                    .add(trade.price())
                    .add(trade.quantity())
                    .add(new BigDecimal(trade.tradeTimeMs()).movePointLeft(3))
                    .add(trade.buyerMaker() ? "s" : "b")
                    .add("l")
                    .add("")
                    .add(trade.id());
        }
        long lastNanos = page.isEmpty() ? parseOr(since == null ? "0" : since, 0) : page.get(page.size() - 1).tradeTimeMs() * 1_000_000;
        result.put("last", Long.toString(lastNanos));
        write(response, HttpStatus.OK_200, out, callback);
    }

    /**
     * Bybit's {@code GET /v5/market/recent-trade?category=spot&symbol=&limit=}: the latest trades, newest first, at
     * most 60 for spot, no cursor; {@code side} is the taker's. Errors come with HTTP 200 and a non-zero retCode.
     */
    private void bybitRecentTrades(Fields query, Response response, Callback callback) {
        String symbol = query.getValue("symbol");
        TradeHistory history = symbol == null ? null : market.history(BybitStreams.EXCHANGE + ":" + symbol).orElse(null);
        ObjectNode out = json.createObjectNode();
        if (history == null || !"spot".equals(query.getValue("category"))) {
            out.put("retCode", 10001).put("retMsg", "params error: symbol invalid").putObject("result");
            write(response, HttpStatus.OK_200, out, callback);
            return;
        }
        String limitText = query.getValue("limit");
        int limit = limitText == null ? BYBIT_SPOT_LIMIT
                : (int) Math.max(1, Math.min(BYBIT_SPOT_LIMIT, parseOr(limitText, BYBIT_SPOT_LIMIT)));
        List<SimTrade> page = history.latest(limit);
        out.put("retCode", 0).put("retMsg", "OK");
        ObjectNode result = out.putObject("result").put("category", "spot");
        ArrayNode list = result.putArray("list");
        for (int i = page.size() - 1; i >= 0; i--) {
            SimTrade trade = page.get(i);
            list.addObject()
                    .put("execId", Long.toString(trade.id()))
                    .put("symbol", symbol)
                    .put("price", trade.price())
                    .put("size", trade.quantity())
                    .put("side", trade.buyerMaker() ? "Sell" : "Buy")
                    .put("time", Long.toString(trade.tradeTimeMs()))
                    .put("isBlockTrade", false);
        }
        out.putObject("retExtInfo");
        out.put("time", wallMillis.getAsLong());
        write(response, HttpStatus.OK_200, out, callback);
    }

    private static long parseOr(String value, long fallback) {
        return value.matches("\\d{1,18}") ? Long.parseLong(value) : fallback;
    }

    private TradeHistory history(Fields query) {
        String symbol = query.getValue("symbol");
        if (symbol == null || symbol.isEmpty()) {
            throw BadRequest.missing("symbol");
        }
        return market.history(symbol).orElseThrow(BadRequest::invalidSymbol);
    }

    private static int limit(Fields query) {
        String limit = query.getValue("limit");
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        long value = number("limit", limit);
        if (value < 1 || value > MAX_LIMIT) {
            throw BadRequest.invalidValue("limit");
        }
        return (int) value;
    }

    private static long number(String parameter, String value) {
        if (!value.matches(BadRequest.NUMBER)) {
            throw BadRequest.illegalCharacters(parameter);
        }
        return Long.parseLong(value);
    }

    private static void write(Response response, int status, JsonNode body, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=UTF-8");
        response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
    }
}
