package io.gatehouse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void basic() throws Exception {
        Revision revision = Policies.compile("p/x.pol", """
                package payments.refunds
                import data.teams

                operation "refund.issue" {
                    owner: "payments-platform"
                    risk: "high"
                    description: "move money back to a customer"
                }

                default allow := false
                allow if {
                    input.operation == "refund.issue"
                    input.principal.spiffe_id in teams.refunders
                    input.resource.amount <= 500
                }
                deny contains sprintf("amount %v is above the hard limit", [input.resource.amount]) if {
                    input.resource.amount > 10000
                }
                obligations["max_ttl"] := 300 if { allow }
                """, "teams.json", """
                {"refunders": ["spiffe://a"]}
                """);
        Decision d = revision.decide("payments.refunds", Policies.json("""
                {"operation": "refund.issue", "principal": {"spiffe_id": "spiffe://a"}, "resource": {"amount": 20}}
                """), DecideOptions.EXPLAIN);
        System.out.println(d);
        System.out.println(((CompiledRevision) revision).treeText("payments.refunds").orElseThrow());
        assertThat(d.allowed()).isTrue();
        Decision e = revision.decide("payments.refunds", Policies.json("""
                {"operation": "refund.issue", "principal": {"spiffe_id": "spiffe://a"}, "resource": {"amount": null}}
                """), DecideOptions.EXPLAIN);
        System.out.println(e);
        assertThat(e.allowed()).isFalse();
        Decision f = revision.decide("payments.refunds", Policies.json("""
                {"operation": "refund.issue", "principal": {"spiffe_id": "spiffe://a"}, "resource": {"amount": 20000}}
                """), DecideOptions.EXPLAIN);
        System.out.println(f);
    }
}
