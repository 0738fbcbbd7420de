package io.gatehouse.builtin;

import static io.gatehouse.builtin.BuiltinCase.compiles;
import static io.gatehouse.builtin.BuiltinCase.error;
import static io.gatehouse.builtin.BuiltinCase.ok;
import static io.gatehouse.builtin.BuiltinCase.rejected;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NetBuiltinsTest {

    private static final String BAD_IP = "expected a dotted quad without leading zeros or an ipv6 address";
    private static final String BAD_CIDR = "expected an address, '/' and a prefix length without leading zeros";

    static Stream<BuiltinCase> cases() {
        return Stream.of(
                ok("an address inside the block", "net.cidr_contains", "['10.0.0.0/8', '10.1.2.3']", "true"),
                ok("an address outside the block", "net.cidr_contains", "['10.0.0.0/8', '11.0.0.1']", "false"),
                ok("/32 contains exactly its address", "net.cidr_contains", "['192.0.2.7/32', '192.0.2.7']", "true"),
                ok("/0 contains every IPv4 address", "net.cidr_contains", "['0.0.0.0/0', '203.0.113.9']", "true"),
                ok("a block contains a smaller block", "net.cidr_contains", "['10.0.0.0/8', '10.1.0.0/16']", "true"),
                ok("a block does not contain a larger one", "net.cidr_contains", "['10.1.0.0/16', '10.0.0.0/8']",
                        "false"),
                ok("IPv6 containment", "net.cidr_contains", "['2001:db8::/32', '2001:db8:1::1']", "true"),
                ok("IPv6 outside", "net.cidr_contains", "['2001:db8::/32', '2001:db9::1']", "false"),
                ok("an IPv4 block does not contain an IPv6 address", "net.cidr_contains",
                        "['0.0.0.0/0', '2001:db8::1']", "false"),
                ok("an IPv4-mapped IPv6 address counts as its IPv4 address", "net.cidr_contains",
                        "['10.0.0.0/8', '::ffff:10.1.2.3']", "true"),
                ok("IPv6 with an embedded dotted quad", "net.cidr_contains", "['::ffff:0:0/96', '::ffff:1.2.3.4']",
                        "true"),
                ok("IPv6 hex digits are case-insensitive", "net.cidr_contains", "['2001:DB8::/32', '2001:db8::A']",
                        "true"),
                error("host bits set are refused, naming the network", "net.cidr_contains",
                        "['10.0.0.1/8', '10.0.0.1']",
                        "net.cidr_contains: invalid cidr \"10.0.0.1/8\": host bits are set, expected \"10.0.0.0/8\""),
                error("IPv6 host bits set are refused", "net.cidr_contains", "['2001:db8::1/32', '2001:db8::1']",
                        "net.cidr_contains: invalid cidr \"2001:db8::1/32\": host bits are set, expected "
                                + "\"2001:db8::/32\""),
                error("a leading zero in an octet is refused", "net.cidr_contains", "['10.0.0.0/8', '10.0.0.010']",
                        "net.cidr_contains: invalid ip address \"10.0.0.010\", " + BAD_IP),
                error("a '+' sign is refused", "net.cidr_contains", "['10.0.0.0/8', '10.0.0.+1']",
                        "net.cidr_contains: invalid ip address \"10.0.0.+1\", " + BAD_IP),
                error("a leading zero in the prefix length is refused", "net.cidr_contains",
                        "['10.0.0.0/08', '10.0.0.1']", "net.cidr_contains: invalid cidr \"10.0.0.0/08\", " + BAD_CIDR),
                error("a '+' in the prefix length is refused", "net.cidr_contains", "['10.0.0.0/+8', '10.0.0.1']",
                        "net.cidr_contains: invalid cidr \"10.0.0.0/+8\", " + BAD_CIDR),
                error("a prefix beyond 32 is refused for IPv4", "net.cidr_contains", "['10.0.0.0/33', '10.0.0.1']",
                        "net.cidr_contains: invalid cidr \"10.0.0.0/33\", " + BAD_CIDR),
                error("a bare address is not a cidr", "net.cidr_contains", "['10.0.0.0', '10.0.0.1']",
                        "net.cidr_contains: invalid cidr \"10.0.0.0\", " + BAD_CIDR),
                error("an octet above 255 is refused", "net.cidr_contains", "['10.0.0.0/8', '10.0.0.256']",
                        "net.cidr_contains: invalid ip address \"10.0.0.256\", " + BAD_IP),
                error("three octets are refused", "net.cidr_contains", "['10.0.0.0/8', '10.0.1']",
                        "net.cidr_contains: invalid ip address \"10.0.1\", " + BAD_IP),
                error("host names are never resolved", "net.cidr_contains", "['10.0.0.0/8', 'localhost']",
                        "net.cidr_contains: invalid ip address \"localhost\", " + BAD_IP),
                error("spaces are refused", "net.cidr_contains", "['10.0.0.0/8', ' 10.0.0.1']",
                        "net.cidr_contains: invalid ip address \" 10.0.0.1\", " + BAD_IP),
                error("an IPv6 zone id is refused", "net.cidr_contains", "['fe80::/10', 'fe80::1%eth0']",
                        "net.cidr_contains: invalid ip address \"fe80::1%eth0\", " + BAD_IP),
                error("two '::' are refused", "net.cidr_contains", "['::/0', '1::2::3']",
                        "net.cidr_contains: invalid ip address \"1::2::3\", " + BAD_IP),
                error("too many IPv6 groups are refused", "net.cidr_contains", "['::/0', '1:2:3:4:5:6:7:8:9']",
                        "net.cidr_contains: invalid ip address \"1:2:3:4:5:6:7:8:9\", " + BAD_IP),
                error("a five-digit IPv6 group is refused", "net.cidr_contains", "['::/0', '12345::']",
                        "net.cidr_contains: invalid ip address \"12345::\", " + BAD_IP),
                error("a non-string address is refused", "net.cidr_contains", "['10.0.0.0/8', 167772161]",
                        "net.cidr_contains: argument 2 must be a string, given number 167772161"),
                ok("overlapping blocks intersect", "net.cidr_intersects", "['10.0.0.0/8', '10.5.0.0/16']", "true"),
                ok("disjoint blocks do not intersect", "net.cidr_intersects", "['10.0.0.0/16', '10.1.0.0/16']",
                        "false"),
                ok("blocks of different families do not intersect", "net.cidr_intersects", "['0.0.0.0/0', '::/0']",
                        "false"),
                error("intersects refuses non-canonical blocks", "net.cidr_intersects",
                        "['10.0.0.0/8', '192.168.1.1/24']",
                        "net.cidr_intersects: invalid cidr \"192.168.1.1/24\": host bits are set, expected "
                                + "\"192.168.1.0/24\""),
                ok("is_valid holds for a canonical block", "net.cidr_is_valid", "['192.168.0.0/16']", "true"),
                ok("is_valid is false with host bits set, unlike OPA", "net.cidr_is_valid", "['192.168.0.1/16']",
                        "false"),
                ok("is_valid is false for an address", "net.cidr_is_valid", "['192.168.0.1']", "false"),
                error("is_valid refuses a number", "net.cidr_is_valid", "[1]",
                        "net.cidr_is_valid: argument 1 must be a string, given number 1"),
                ok("ip_is_valid holds for IPv4", "net.ip_is_valid", "['127.0.0.1']", "true"),
                ok("ip_is_valid holds for IPv6", "net.ip_is_valid", "['::1']", "true"),
                ok("ip_is_valid holds for 0", "net.ip_is_valid", "['0.0.0.0']", "true"),
                ok("ip_is_valid is false with a leading zero", "net.ip_is_valid", "['127.0.0.01']", "false"),
                ok("ip_is_valid is false for a bracketed address", "net.ip_is_valid", "['[::1]']", "false"),
                ok("ip_is_valid is false for a cidr", "net.ip_is_valid", "['10.0.0.0/8']", "false"),
                ok("ip_is_valid is false for a trailing dot", "net.ip_is_valid", "['10.0.0.1.']", "false"),
                ok("ip_is_valid is false for a dotted quad inside IPv6 not at the end", "net.ip_is_valid",
                        "['1.2.3.4::']", "false"),
                compiles("a literal canonical block compiles", "net.cidr_contains", "['10.0.0.0/8', '$input']"),
                rejected("a literal non-canonical block is a compile error", "net.cidr_contains",
                        "['10.0.0.1/8', '$input']",
                        "net.cidr_contains: invalid cidr \"10.0.0.1/8\": host bits are set, expected \"10.0.0.0/8\""),
                rejected("a literal address with a leading zero is a compile error", "net.cidr_contains",
                        "['$input', '10.0.0.01']",
                        "net.cidr_contains: invalid ip address \"10.0.0.01\", " + BAD_IP),
                rejected("a literal block in intersects is checked", "net.cidr_intersects", "['$input', '1.2.3.4/+8']",
                        "net.cidr_intersects: invalid cidr \"1.2.3.4/+8\", " + BAD_CIDR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsSpecified(BuiltinCase row) {
        row.run();
    }
}
