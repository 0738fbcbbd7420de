package io.gatehouse.replay;

import io.gatehouse.identity.VerifiedPrincipal;
import io.gatehouse.state.NonceStore;
import io.gatehouse.state.StateUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one check every privileged request passes: the proof is valid for this request and this caller, inside its
 * window, and its nonce has not been used. The token endpoint, the elevation endpoints and the decision endpoint
 * (for decisions the policy marks privileged) call {@link #check}.
 *
 * <p>The nonce is consumed last, after every other check, so that invalid proofs cannot fill the store and a refused
 * request does not burn a caller's nonce.
 */
public final class ReplayGuard {

    /** The header Gatehouse documents; {@code DPoP} is accepted too, for clients that already speak RFC 9449. */
    public static final String PROOF_HEADER = "Gatehouse-Proof";
    public static final String DPOP_HEADER = "DPoP";

    private static final Logger LOG = Logger.getLogger(ReplayGuard.class);

    private final ProofVerifier verifier;
    private final NonceStore nonces;
    private final Map<ReplayReason, Counter> refused = new EnumMap<>(ReplayReason.class);
    private final Counter storeFull;

    public ReplayGuard(ProofVerifier verifier, NonceStore nonces, MeterRegistry registry) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        for (ReplayReason reason : ReplayReason.values()) {
            refused.put(reason, Counter.builder("gatehouse_replay_refused_total")
                    .description("privileged requests refused by the replay guard, by reason")
                    .tag("reason", reason.label()).register(registry));
        }
        this.storeFull = Counter.builder("gatehouse_nonce_store_full_total")
                .description("nonces refused because the store was full of live nonces").register(registry);
    }

    /**
     * Checks the proof of a privileged request and consumes its nonce.
     *
     * @param request the request the proof must be bound to
     * @param proofHeader the value of the {@code Gatehouse-Proof} or {@code DPoP} header, or null when absent
     * @param principal the verified caller, or null when the request carries no verified identity (then refused)
     */
    public ReplayVerdict check(HttpRequestInfo request, String proofHeader, VerifiedPrincipal principal) {
        try {
            VerifiedProof proof = verifier.verify(proofHeader, request);
            Optional<String> unbound = ProofKeyBinding.check(principal, proof.keyThumbprint(),
                    verifier.rules().requireBoundBearer());
            if (unbound.isPresent()) {
                return refuse(ReplayReason.INVALID, unbound.get());
            }
            return consume(proof);
        } catch (ProofException refusedProof) {
            return refuse(refusedProof.reason(), refusedProof.getMessage());
        }
    }

    /**
     * The whole check for a privileged request as the decision path asks it: picks the proof from the two headers,
     * checks it for {@code caller} and answers empty when the request may go ahead, else the reason, worded
     * {@code "replay protection: ..."}.
     */
    public Optional<String> refusal(String gatehouseProof, String dpop, HttpRequestInfo request,
            VerifiedPrincipal caller) {
        try {
            String proof = proofHeader(gatehouseProof, dpop).orElse(null);
            ReplayVerdict verdict = check(request, proof, caller);
            return verdict instanceof ReplayVerdict.Refused refused
                    ? Optional.of(REFUSAL_PREFIX + refused.message())
                    : Optional.empty();
        } catch (ProofException ambiguous) {
            return Optional.of(REFUSAL_PREFIX + ambiguous.getMessage());
        }
    }

    /** How every refusal of the guard starts, so callers can tell it from other denials. */
    public static final String REFUSAL_PREFIX = "replay protection: ";

    /** Picks the proof from the two accepted headers; two different proofs are ambiguous and refused as invalid. */
    public static Optional<String> proofHeader(String gatehouseProof, String dpop) throws ProofException {
        if (gatehouseProof != null && dpop != null && !gatehouseProof.equals(dpop)) {
            throw new ProofException(ReplayReason.INVALID, "request carries two different proofs");
        }
        return Optional.ofNullable(gatehouseProof != null ? gatehouseProof : dpop);
    }

    private ReplayVerdict consume(VerifiedProof proof) {
        NonceStore.PutResult result;
        try {
            result = nonces.putIfAbsent(proof.nonce(), proof.retainUntil());
        } catch (StateUnavailableException unavailable) {
            LOG.warnf("nonce store unavailable, refusing privileged requests: %s (check the Redis server named by "
                    + "quarkus.redis.hosts)", unavailable.getMessage());
            return refuse(ReplayReason.UNAVAILABLE, "nonce store is unavailable; privileged requests are refused");
        }
        return switch (result) {
            case ACCEPTED -> new ReplayVerdict.Accepted(proof);
            case REPLAYED -> refuse(ReplayReason.REPLAYED, "proof nonce was already used: the request is a replay");
            case FULL -> {
                storeFull.increment();
                yield refuse(ReplayReason.STORE_FULL, "nonce store is full of live nonces; retry after "
                        + verifier.rules().lifetime().plus(verifier.rules().skew()).toSeconds() + " seconds");
            }
        };
    }

    private ReplayVerdict refuse(ReplayReason reason, String message) {
        refused.get(reason).increment();
        LOG.debugf("proof refused (%s): %s", reason.label(), message);
        return new ReplayVerdict.Refused(reason, message);
    }
}
