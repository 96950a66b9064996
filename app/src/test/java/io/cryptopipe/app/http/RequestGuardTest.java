package io.cryptopipe.app.http;

import com.sun.net.httpserver.Headers;
import io.cryptopipe.app.http.RequestGuard.Admit;
import io.cryptopipe.app.http.RequestGuard.Refuse;
import io.cryptopipe.app.http.RequestGuard.Verdict;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RequestGuardTest {
    private static final String SECRET = "correct horse";
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    private final RequestGuard open = new RequestGuard(new HostNames("127.0.0.1", List.of("pipeline.lan")), Optional.empty());
    private final RequestGuard guarded = new RequestGuard(new HostNames("127.0.0.1", List.of()),
            Optional.of(new Password("cryptopipe", SECRET)));

    private static Headers headers(String... pairs) {
        Headers headers = new Headers();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static int status(Verdict verdict) {
        return verdict instanceof Refuse refuse ? refuse.status() : 200;
    }

    @Test
    void aHostThatIsNotOursIsRefusedAsDnsRebinding() {
        Verdict verdict = open.check(CLIENT, "GET", "/api/relations", headers("Host", "evil.example:8080"));
        assertThat(verdict).isInstanceOf(Refuse.class);
        assertThat(((Refuse) verdict).status()).isEqualTo(403);
        assertThat(((Refuse) verdict).reason()).contains("evil.example", "DNS rebinding", "--allowed-host evil.example");
    }

    @Test
    void loopbackNamesTheBoundAddressAndAllowedHostsAreOurs() {
        for (String host : List.of("127.0.0.1:8080", "localhost:8080", "LOCALHOST", "127.0.0.5:8080", "[::1]:8080",
                "pipeline.lan:8080", "Pipeline.LAN")) {
            assertThat(open.check(CLIENT, "GET", "/api/relations", headers("Host", host))).as(host).isEqualTo(new Admit(true));
        }
    }

    @Test
    void aRequestWithoutHostIsRefused() {
        assertThat(status(open.check(CLIENT, "GET", "/", headers()))).isEqualTo(403);
    }

    @Test
    void aNameThatMerelyStartsLikeLoopbackIsNotOurs() {
        for (String host : List.of("127.0.0.1.evil.example", "localhost.evil.example", "0.0.0.0", "192.0.2.7")) {
            assertThat(status(open.check(CLIENT, "GET", "/", headers("Host", host)))).as(host).isEqualTo(403);
        }
    }

    @Test
    void boundToEveryInterfaceTheMachinesOwnAddressesAreOurs() {
        RequestGuard wildcard = new RequestGuard(new HostNames("0.0.0.0", List.of()), Optional.empty());
        assertThat(wildcard.check(CLIENT, "GET", "/", headers("Host", "0.0.0.0:8080"))).isEqualTo(new Admit(true));
        assertThat(status(wildcard.check(CLIENT, "GET", "/", headers("Host", "evil.example")))).isEqualTo(403);
    }

    @Test
    void aPostThatIsNotJsonIsRefusedSoNoFormOrSimpleRequestRunsAnything() {
        Verdict verdict = open.check(CLIENT, "POST", "/api/dbt", headers("Host", "127.0.0.1:8080", "Content-Type", "text/plain"));
        assertThat(status(verdict)).isEqualTo(415);
        assertThat(((Refuse) verdict).reason()).contains("Content-Type: application/json", "text/plain");
        assertThat(status(open.check(CLIENT, "POST", "/api/runs", headers("Host", "127.0.0.1:8080")))).isEqualTo(415);
        assertThat(status(open.check(CLIENT, "POST", "/api/dbt", headers("Host", "127.0.0.1:8080",
                "Content-Type", "application/x-www-form-urlencoded")))).isEqualTo(415);
    }

    @Test
    void aJsonPostFromOurOwnOriginIsAdmitted() {
        assertThat(open.check(CLIENT, "POST", "/api/sql", headers("Host", "127.0.0.1:8080", "Origin", "http://127.0.0.1:8080",
                "Content-Type", "application/json; charset=utf-8"))).isEqualTo(new Admit(true));
        assertThat(open.check(CLIENT, "POST", "/api/sql", headers("Host", "127.0.0.1:8080", "Content-Type", "application/json")))
                .isEqualTo(new Admit(true));
    }

    @Test
    void anotherOriginIsRefusedEvenOnTheSameMachine() {
        for (String origin : List.of("http://evil.example", "http://127.0.0.1:3000", "null", "http://localhost:8080")) {
            Verdict verdict = open.check(CLIENT, "POST", "/api/sql", headers("Host", "127.0.0.1:8080", "Origin", origin,
                    "Content-Type", "application/json"));
            assertThat(status(verdict)).as(origin).isEqualTo(403);
        }
    }

    @Test
    void aCrossSiteSubresourceIsRefusedButFollowingALinkToTheUiIsNot() {
        assertThat(status(open.check(CLIENT, "GET", "/api/sql", headers("Host", "127.0.0.1:8080", "Sec-Fetch-Site", "cross-site",
                "Sec-Fetch-Mode", "no-cors")))).isEqualTo(403);
        assertThat(status(open.check(CLIENT, "GET", "/api/sql", headers("Host", "127.0.0.1:8080", "Sec-Fetch-Site", "same-site",
                "Sec-Fetch-Mode", "cors")))).isEqualTo(403);
        assertThat(open.check(CLIENT, "GET", "/", headers("Host", "127.0.0.1:8080", "Sec-Fetch-Site", "cross-site",
                "Sec-Fetch-Mode", "navigate"))).isEqualTo(new Admit(true));
    }

    @Test
    void withAPasswordAClientWithoutItGets401AndABasicChallenge() {
        Verdict verdict = guarded.check(CLIENT, "GET", "/api/relations", headers("Host", "127.0.0.1:8080"));
        assertThat(verdict).isInstanceOf(Refuse.class);
        Refuse refusal = (Refuse) verdict;
        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.headers()).containsEntry("WWW-Authenticate", "Basic realm=\"cryptopipe\", charset=\"UTF-8\"");
        assertThat(refusal.reason()).contains("CRYPTOPIPE_PASSWORD");
    }

    @Test
    void withAPasswordTheBrowserIsSentToTheLoginPageAndItsScriptsGetNoChallenge() {
        Verdict page = guarded.check(CLIENT, "GET", "/", headers("Host", "127.0.0.1:8080", "Accept", "text/html,*/*",
                "Sec-Fetch-Mode", "navigate", "Sec-Fetch-Site", "none"));
        assertThat(status(page)).isEqualTo(303);
        assertThat(((Refuse) page).headers()).containsEntry("Location", "/login.html");
        Verdict script = guarded.check(CLIENT, "GET", "/api/pipeline", headers("Host", "127.0.0.1:8080", "Sec-Fetch-Mode", "cors",
                "Sec-Fetch-Site", "same-origin"));
        assertThat(status(script)).isEqualTo(401);
        assertThat(((Refuse) script).headers()).doesNotContainKey("WWW-Authenticate");
    }

    @Test
    void theRightBasicCredentialsAreTrustedAndWrongOnesRefusedEvenOnPublicPaths() {
        assertThat(guarded.check(CLIENT, "GET", "/api/relations", headers("Host", "127.0.0.1:8080",
                "Authorization", Password.basicHeader("cryptopipe", SECRET)))).isEqualTo(new Admit(true));
        for (String authorization : List.of(Password.basicHeader("cryptopipe", "wrong"), Password.basicHeader("admin", SECRET),
                "Basic !!!", "Bearer " + SECRET)) {
            assertThat(status(guarded.check(CLIENT, "GET", "/health", headers("Host", "127.0.0.1:8080", "Authorization", authorization))))
                    .as(authorization).isEqualTo(401);
        }
    }

    @Test
    void withAPasswordOnlyHealthAndTheLoginPageAnswerWithoutItAndUntrusted() {
        for (String path : List.of("/health", "/login.html", "/login.js", "/style.css")) {
            assertThat(guarded.check(CLIENT, "GET", path, headers("Host", "127.0.0.1:8080"))).as(path).isEqualTo(new Admit(false));
        }
        for (String path : List.of("/", "/index.html", "/app.js", "/api/sql", "/api/pipeline", "/metrics", "/health/../api/sql")) {
            assertThat(status(guarded.check(CLIENT, "GET", path, headers("Host", "127.0.0.1:8080")))).as(path).isEqualTo(401);
        }
    }

    @Test
    void aSessionOpenedWithThePasswordIsTrustedUntilItExpires() {
        MutableClock clock = new MutableClock();
        RequestGuard guard = new RequestGuard(new HostNames("127.0.0.1", List.of()), Optional.of(new Password("cryptopipe", SECRET)), clock);
        assertThat(status(guard.openSession(CLIENT, "wrong"))).isEqualTo(401);
        assertThat(guard.openSession(CLIENT, SECRET)).isEqualTo(new Admit(true));
        String token = guard.newSession();
        Headers withCookie = headers("Host", "127.0.0.1:8080", "Cookie", "theme=dark; cryptopipe_session=" + token);
        assertThat(guard.check(CLIENT, "GET", "/api/pipeline", withCookie)).isEqualTo(new Admit(true));
        assertThat(status(guard.check(CLIENT, "GET", "/api/pipeline", headers("Host", "127.0.0.1:8080",
                "Cookie", "cryptopipe_session=" + token + "x")))).isEqualTo(401);
        clock.advance(Sessions.LIFETIME.plusSeconds(1));
        assertThat(status(guard.check(CLIENT, "GET", "/api/pipeline", withCookie))).isEqualTo(401);
    }

    @Test
    void withoutAPasswordThereIsNoSessionToOpen() {
        assertThat(status(open.openSession(CLIENT, SECRET))).isEqualTo(401);
    }

    @Test
    void afterTenWrongPasswordsAnAddressMustWaitAMinuteEvenWithTheRightOneWhileOthersMayTry() throws UnknownHostException {
        MutableClock clock = new MutableClock();
        RequestGuard guard = new RequestGuard(new HostNames("127.0.0.1", List.of()), Optional.of(new Password("cryptopipe", SECRET)), clock);
        InetAddress other = InetAddress.getByName("127.0.0.2");
        Headers wrong = headers("Host", "127.0.0.1:8080", "Authorization", Password.basicHeader("cryptopipe", "guess"));
        Headers right = headers("Host", "127.0.0.1:8080", "Authorization", Password.basicHeader("cryptopipe", SECRET));
        for (int i = 0; i < 5; i++) {
            assertThat(status(guard.check(CLIENT, "GET", "/api/pipeline", wrong))).isEqualTo(401);
            assertThat(status(guard.openSession(CLIENT, "guess"))).isEqualTo(401);
        }
        Verdict throttled = guard.check(CLIENT, "GET", "/api/pipeline", right);
        assertThat(status(throttled)).isEqualTo(429);
        assertThat(((Refuse) throttled).headers()).containsEntry("Retry-After", "60");
        assertThat(status(guard.openSession(CLIENT, SECRET))).isEqualTo(429);
        assertThat(guard.check(other, "GET", "/api/pipeline", right)).isEqualTo(new Admit(true));
        clock.advance(PasswordAttempts.WINDOW);
        assertThat(guard.check(CLIENT, "GET", "/api/pipeline", right)).isEqualTo(new Admit(true));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
