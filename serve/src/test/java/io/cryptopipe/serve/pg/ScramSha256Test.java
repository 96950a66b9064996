package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.guard.QueryRefused;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server side of SCRAM-SHA-256 against the example exchange of RFC 7677, section 3. */
class ScramSha256Test {
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");

    @Test
    void answersRfc7677sExampleExchangeWithItsServerSignature() {
        ScramSha256 scram = new ScramSha256("pencil", SALT, SERVER_NONCE);
        assertThat(scram.serverFirst("n,,n=user,r=" + CLIENT_NONCE))
                .isEqualTo("r=" + CLIENT_NONCE + SERVER_NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(scram.serverFinal("c=biws,r=" + CLIENT_NONCE + SERVER_NONCE
                + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void aProofMadeWithAnotherPasswordIsRefusedWith28P01() {
        ScramSha256 scram = new ScramSha256("not pencil", SALT, SERVER_NONCE);
        scram.serverFirst("n,,n=user,r=" + CLIENT_NONCE);
        assertThatThrownBy(() -> scram.serverFinal("c=biws,r=" + CLIENT_NONCE + SERVER_NONCE
                + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))
                .isInstanceOf(QueryRefused.class)
                .satisfies(e -> assertThat(((QueryRefused) e).sqlState()).isEqualTo("28P01"));
    }

    @Test
    void aFinalMessageWithAnotherNonceIsRefused() {
        ScramSha256 scram = new ScramSha256("pencil", SALT, SERVER_NONCE);
        scram.serverFirst("n,,n=user,r=" + CLIENT_NONCE);
        assertThatThrownBy(() -> scram.serverFinal("c=biws,r=other,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="))
                .isInstanceOf(QueryRefused.class).hasMessageContaining("nonce");
    }

    @Test
    void channelBindingIsRefusedWithAClearReason() {
        ScramSha256 scram = new ScramSha256("pencil", SALT, SERVER_NONCE);
        assertThatThrownBy(() -> scram.serverFirst("p=tls-server-end-point,,n=,r=" + CLIENT_NONCE))
                .isInstanceOf(QueryRefused.class).hasMessageContaining("channel binding");
    }
}
