package io.cryptopipe.app.http;

import com.sun.net.httpserver.Headers;
import io.cryptopipe.app.runtime.ServingSettings;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, before any route runs, whether a request may reach it: the {@code Host} must be one of ours (no DNS
 * rebinding), a request from another site is refused ({@code Origin}, {@code Sec-Fetch-Site}), anything but GET needs
 * {@code Content-Type: application/json} (which a cross-site form or "simple" request cannot send), and with a
 * password set every path but {@link #PUBLIC_PATHS} needs it (HTTP Basic or the login page's session cookie).
 */
public final class RequestGuard {
    public static final String SESSION_COOKIE = "cryptopipe_session";
    public static final String LOGIN_PAGE = "/login.html";
    public static final String LOGIN_PATH = "/api/login";
    /**
     * What answers without the password: the login page and its assets, and {@code /health}, which then tells only
     * UP or DOWN (the CLI and probes find the pipeline through it).
     */
    static final Set<String> PUBLIC_PATHS = Set.of("/health", LOGIN_PAGE, "/login.js", "/style.css", LOGIN_PATH);
    private static final Set<String> SAFE_SITES = Set.of("same-origin", "none");

    private final HostNames hosts;
    private final Optional<Password> password;
    private final Sessions sessions;
    private final PasswordAttempts attempts;

    public RequestGuard(HostNames hosts, Optional<Password> password) {
        this(hosts, password, Clock.systemUTC());
    }

    RequestGuard(HostNames hosts, Optional<Password> password, Clock clock) {
        this.hosts = hosts;
        this.password = password;
        this.sessions = new Sessions(clock);
        this.attempts = new PasswordAttempts(clock);
    }

    /** The guard of a pipeline bound to {@code bindHost} serving as {@code serving} says. */
    public static RequestGuard of(String bindHost, ServingSettings serving) {
        return new RequestGuard(new HostNames(bindHost, serving.allowedHosts()),
                serving.password().map(secret -> new Password(ServingSettings.USER, secret)));
    }

    /** What to do with a request. */
    public sealed interface Verdict permits Admit, Refuse {
    }

    /** @param trusted the caller gave the password, or none is set; false only on {@link #PUBLIC_PATHS} */
    public record Admit(boolean trusted) implements Verdict {
    }

    /** @param headers extra response headers (a challenge, a redirect) */
    public record Refuse(int status, String reason, Map<String, String> headers) implements Verdict {
        Refuse(int status, String reason) {
            this(status, reason, Map.of());
        }
    }

    public boolean requiresPassword() {
        return password.isPresent();
    }

    /** @param client the address the request came from: wrong passwords are counted per address */
    public Verdict check(InetAddress client, String method, String path, Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null || host.isBlank()) {
            return new Refuse(403, "a request without a Host header is refused");
        }
        String hostName = hostName(host);
        if (!hosts.allows(hostName)) {
            return new Refuse(403, "Host '" + hostName + "' is not an address of this server, so the request is refused"
                    + " (a page reaching us through its own name is DNS rebinding): use localhost or the --bind address,"
                    + " or start up with --allowed-host " + hostName);
        }
        boolean reads = method.equals("GET") || method.equals("HEAD");
        String site = headers.getFirst("Sec-Fetch-Site");
        boolean navigation = reads && "navigate".equals(headers.getFirst("Sec-Fetch-Mode"));
        if (site != null && !SAFE_SITES.contains(site) && !navigation) {
            return new Refuse(403, "a request from another site (Sec-Fetch-Site: " + site + ") is refused");
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !sameOrigin(origin, host)) {
            return new Refuse(403, "Origin '" + origin + "' is not this server's own (http://" + host
                    + "): requests from other sites are refused");
        }
        if (!reads && !isJson(headers.getFirst("Content-Type"))) {
            return new Refuse(415, method + " requests must have Content-Type: application/json, got '"
                    + Optional.ofNullable(headers.getFirst("Content-Type")).orElse("none") + "'");
        }
        return password.map(p -> authenticate(client, p, reads, path, headers)).orElse(new Admit(true));
    }

    /**
     * The login page's check: a new session's token if {@code candidate} is the password, a 401 if not, a 429 while
     * {@code client} has had too many wrong ones.
     */
    Verdict openSession(InetAddress client, String candidate) {
        Optional<Refuse> throttled = throttled(client);
        if (throttled.isPresent()) {
            return throttled.get();
        }
        if (password.isPresent() && password.get().matches(candidate)) {
            return new Admit(true);
        }
        attempts.failed(client);
        return new Refuse(401, "wrong password");
    }

    /** A session for a caller {@link #openSession} admitted. */
    String newSession() {
        return sessions.open();
    }

    private Optional<Refuse> throttled(InetAddress client) {
        return attempts.wait(client).map(wait -> new Refuse(429, "too many wrong passwords from " + client.getHostAddress()
                + ": try again in " + Math.max(1, wait.toSeconds()) + " s",
                Map.of("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())))));
    }

    private Verdict authenticate(InetAddress client, Password secret, boolean reads, String path, Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization != null) {
            Optional<Refuse> throttled = throttled(client);
            if (throttled.isPresent()) {
                return throttled.get();
            }
            if (secret.matchesBasic(authorization)) {
                return new Admit(true);
            }
            attempts.failed(client);
            return new Refuse(401, "wrong user or password: send user " + ServingSettings.USER + " and the pipeline's "
                    + ServingSettings.PASSWORD_VARIABLE, challenge(headers));
        }
        if (sessions.isOpen(sessionCookie(headers))) {
            return new Admit(true);
        }
        if (PUBLIC_PATHS.contains(path)) {
            return new Admit(false);
        }
        boolean browserNavigation = reads && ("navigate".equals(headers.getFirst("Sec-Fetch-Mode"))
                || Optional.ofNullable(headers.getFirst("Accept")).orElse("").contains("text/html"));
        if (browserNavigation) {
            return new Refuse(303, "log in at " + LOGIN_PAGE, Map.of("Location", LOGIN_PAGE));
        }
        return new Refuse(401, "this pipeline requires its password: HTTP Basic with user " + ServingSettings.USER
                + " and " + ServingSettings.PASSWORD_VARIABLE + ", or log in at " + LOGIN_PAGE, challenge(headers));
    }

    /** A browser's script (it sends Sec-Fetch-Mode) gets no challenge, which would pop up the browser's own dialog. */
    private static Map<String, String> challenge(Headers headers) {
        return headers.containsKey("Sec-Fetch-Mode") ? Map.of()
                : Map.of("WWW-Authenticate", "Basic realm=\"" + ServingSettings.USER + "\", charset=\"UTF-8\"");
    }

    private static String sessionCookie(Headers headers) {
        for (String header : headers.getOrDefault("Cookie", List.of())) {
            for (String cookie : header.split(";")) {
                String[] pair = cookie.strip().split("=", 2);
                if (pair.length == 2 && pair[0].equals(SESSION_COOKIE)) {
                    return pair[1];
                }
            }
        }
        return null;
    }

    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
    }

    /** The host part of a Host header: {@code name:port}, {@code [v6]:port} or either without the port. */
    static String hostName(String host) {
        String value = host.strip();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(1, end);
        }
        int colon = value.indexOf(':');
        return colon < 0 || colon != value.lastIndexOf(':') ? value : value.substring(0, colon);
    }

    /**
     * An Origin is ours when its host and port are the Host header's; a Host without a port stands for the Origin
     * scheme's default one, as behind a proxy that ends TLS.
     */
    private static boolean sameOrigin(String origin, String host) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            return false;
        }
        int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
        int originPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
        String originHost = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return originHost.equalsIgnoreCase(hostName(host)) && originPort == hostPort(host, defaultPort);
    }

    private static int hostPort(String host, int defaultPort) {
        String value = host.strip();
        int colon = value.lastIndexOf(':');
        int bracket = value.lastIndexOf(']');
        if (colon < 0 || colon < bracket || (bracket < 0 && colon != value.indexOf(':'))) {
            return defaultPort;
        }
        try {
            return Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
