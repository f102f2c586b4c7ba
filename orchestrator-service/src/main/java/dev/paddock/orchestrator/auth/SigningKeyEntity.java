package dev.paddock.orchestrator.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "signing_keys")
class SigningKeyEntity {

    @Id
    private String kid;

    /** The public JWK as JSON. */
    @Column(nullable = false)
    private String publicKey;

    /** PKCS#8 private key sealed with the operator key ({@code SecretBox}), the kid bound as associated data. */
    @Column(nullable = false)
    private String privateKeySealed;

    @Column(nullable = false)
    private Instant createdAt;

    private @Nullable Instant retiredAt;

    protected SigningKeyEntity() {
        this.kid = "";
        this.publicKey = "";
        this.privateKeySealed = "";
        this.createdAt = Instant.EPOCH;
    }

    SigningKeyEntity(String kid, String publicKey, String privateKeySealed, Instant createdAt) {
        this.kid = kid;
        this.publicKey = publicKey;
        this.privateKeySealed = privateKeySealed;
        this.createdAt = createdAt;
    }

    String kid() {
        return kid;
    }

    String publicKey() {
        return publicKey;
    }

    String privateKeySealed() {
        return privateKeySealed;
    }

    Instant createdAt() {
        return createdAt;
    }

    @Nullable Instant retiredAt() {
        return retiredAt;
    }

    void retire(Instant now) {
        this.retiredAt = now;
    }
}
