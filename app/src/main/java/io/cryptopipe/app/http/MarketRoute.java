package io.cryptopipe.app.http;

import io.cryptopipe.app.cli.UserError;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.ingest.trade.StreamKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The market page's data: {@code /api/market/symbols}, {@code /api/market/candles?symbol=&minutes=} (from the
 * {@code candles_1m} model when it exists, else aggregated from {@code bronze_data}) and
 * {@code /api/market/trades?symbol=&limit=} (from {@code consumption_trades} when it exists, else {@code bronze_data}).
 * A symbol is named as the trades topic keys it: {@code BTCUSDT} on Binance, {@code coinbase:BTC-USD} on another
 * venue, so the same symbol on two venues stays two markets.
 */
public final class MarketRoute implements JsonRoute {
    private static final Pattern SYMBOL = Pattern.compile("([a-z]{2,20}:)?[A-Z0-9][A-Z0-9/-]{1,29}");
    private static final String KEY = "case when exchange = 'binance' then symbol else exchange || ':' || symbol end";

    private static final String CANDLES_FROM_MODEL = """
            select epoch(candle_minute)::bigint as t, open::double, high::double, low::double, close::double, volume::double
            from candles_1m where coalesce(exchange, 'binance') = ? and symbol = ? and candle_minute >= make_timestamp(epoch_us(now())) - to_minutes(cast(? as bigint)) order by candle_minute""";
    private static final String CANDLES_FROM_BRONZE = """
            select epoch(time_bucket(interval 1 minute, make_timestamp(trade_time_us)))::bigint as t,
                   arg_min(price::double, trade_id), max(price::double), min(price::double), arg_max(price::double, trade_id),
                   sum(quantity::double)
            from bronze_data where exchange = ? and symbol = ? and trade_time_us >= (epoch_us(now()) - cast(? as bigint) * 60000000)
            group by 1 order by 1""";

    private final WarehouseFile warehouse;

    /** Gold, which the refresh keeps seconds behind the market, like the candles (README, gold refresh). */
    private static final String TRADES_FROM_MODEL = """
            select trade_id, cast(price as varchar), cast(quantity as varchar), side = 'sell', epoch_us(trade_time)
            from consumption_trades where exchange = ? and symbol = ? order by trade_time desc, trade_id desc limit ?""";
    private static final String TRADES_FROM_BRONZE = """
            select trade_id, price, quantity, is_buyer_maker, trade_time_us from bronze_data
            where exchange = ? and symbol = ? order by trade_time_us desc, trade_id desc limit ?""";

    public MarketRoute(WarehouseFile warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Object handle(ApiRequest request) {
        String path = request.uri().getPath();
        try (Connection connection = warehouse.open(false)) {
            if (path.endsWith("/symbols")) {
                return Map.of("symbols", strings(connection, "select distinct " + KEY + " from bronze_data order by 1"));
            }
            String symbol = request.queryParameter("symbol").orElseThrow(() -> new UserError("missing query parameter symbol"));
            if (!SYMBOL.matcher(symbol).matches()) {
                throw new UserError("invalid symbol '" + symbol + "'");
            }
            if (path.endsWith("/candles")) {
                int minutes = bounded(request.queryParameter("minutes").orElse("120"), 1, 7 * 24 * 60);
                boolean model = exists(connection, "candles_1m");
                return Map.of("symbol", symbol, "source", model ? "candles_1m" : "bronze_data",
                        "candles", candles(connection, model ? CANDLES_FROM_MODEL : CANDLES_FROM_BRONZE, symbol, minutes));
            }
            if (path.endsWith("/trades")) {
                int limit = bounded(request.queryParameter("limit").orElse("20"), 1, 500);
                boolean model = exists(connection, "consumption_trades");
                return Map.of("symbol", symbol, "source", model ? "consumption_trades" : "bronze_data",
                        "trades", trades(connection, model ? TRADES_FROM_MODEL : TRADES_FROM_BRONZE, symbol, limit));
            }
            throw new UserError("unknown market endpoint " + path + ": use /symbols, /candles or /trades");
        } catch (SQLException e) {
            throw new UserError("market data not available yet: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static List<Map<String, Object>> candles(Connection connection, String sql, String symbol, int minutes) throws SQLException {
        List<Map<String, Object>> candles = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, exchangeOf(symbol));
            statement.setString(2, venueSymbolOf(symbol));
            statement.setInt(3, minutes);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> candle = new LinkedHashMap<>();
                    candle.put("time", rs.getLong(1));
                    candle.put("open", rs.getDouble(2));
                    candle.put("high", rs.getDouble(3));
                    candle.put("low", rs.getDouble(4));
                    candle.put("close", rs.getDouble(5));
                    candle.put("volume", rs.getDouble(6));
                    candles.add(candle);
                }
            }
        }
        return candles;
    }

    private static List<Map<String, Object>> trades(Connection connection, String sql, String symbol, int limit) throws SQLException {
        List<Map<String, Object>> trades = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, exchangeOf(symbol));
            statement.setString(2, venueSymbolOf(symbol));
            statement.setInt(3, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> trade = new LinkedHashMap<>();
                    trade.put("tradeId", rs.getLong(1));
                    trade.put("price", rs.getString(2));
                    trade.put("quantity", rs.getString(3));
                    trade.put("side", rs.getBoolean(4) ? "sell" : "buy");
                    trade.put("tradeTimeUs", rs.getLong(5));
                    trades.add(trade);
                }
            }
        }
        return trades;
    }

    private static String exchangeOf(String key) {
        return StreamKey.exchangeOf(key);
    }

    private static String venueSymbolOf(String key) {
        return StreamKey.symbolOf(key);
    }

    private static boolean exists(Connection connection, String relation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select count(*) from information_schema.tables where table_schema = 'public' and table_name = ?")) {
            statement.setString(1, relation);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static int bounded(String value, int min, int max) {
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            throw new UserError("expected a number, got '" + value + "'");
        }
    }
}
