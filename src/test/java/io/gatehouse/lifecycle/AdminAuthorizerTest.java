package io.gatehouse.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.lifecycle.AdminAuthorizer.Verdict;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminAuthorizerTest {

    private static final String ADMIN = "spiffe://prod.example.org/ns/ops/sa/deployer";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "the right secret is let in|s3cret|NULL|Bearer s3cret|NULL|ALLOWED",
        "the scheme is case-insensitive|s3cret|NULL|bearer s3cret|NULL|ALLOWED",
        "a wrong secret is refused|s3cret|NULL|Bearer s3cre|NULL|WRONG_CREDENTIALS",
        "a longer secret with the same prefix is refused|s3cret|NULL|Bearer s3cretX|NULL|WRONG_CREDENTIALS",
        "another scheme is no credential|s3cret|NULL|Basic czNjcmV0|NULL|NO_CREDENTIALS",
        "no header is no credential|s3cret|NULL|NULL|NULL|NO_CREDENTIALS",
        "an admin mTLS identity is let in|NULL|" + ADMIN + "|NULL|" + ADMIN + "|ALLOWED",
        "another mTLS identity is refused|NULL|" + ADMIN + "|NULL|spiffe://example.org/x|WRONG_CREDENTIALS",
        "a secret is refused when only identities are configured|NULL|" + ADMIN + "|Bearer s3|NULL|WRONG_CREDENTIALS",
        "nothing configured refuses even the right-looking secret|NULL|NULL|Bearer s3cret|NULL|DISABLED",
        "a blank secret counts as none|'  '|NULL|Bearer   |NULL|DISABLED"})
    void authorize(String note, String secret, String identity, String header, String peer, Verdict expected) {
        AdminAuthorizer authorizer = new AdminAuthorizer(Optional.ofNullable(secret),
                identity == null ? List.of() : List.of(identity));

        assertThat(authorizer.authorize(header, peer)).as(note).isEqualTo(expected);
    }
}
