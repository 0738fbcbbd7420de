package io.gatehouse.builtin;

import static io.gatehouse.builtin.FunctionBuiltin.of;

import io.gatehouse.builtin.IpAddresses.Cidr;
import io.gatehouse.value.Value;
import java.util.List;

/** CIDR and IP checks over strictly parsed text; see {@link IpAddresses} for what is refused. */
final class NetBuiltins {

    private static final Param CIDR = Param.STRING.checkedBy(text -> IpAddresses.parseCidr(text(text)));
    private static final Param CIDR_OR_IP = Param.STRING.checkedBy(text -> containsCheck(text(text)));

    private NetBuiltins() {
    }

    static List<Builtin> all() {
        return List.of(
                of("net.cidr_contains", NetBuiltins::contains, CIDR, CIDR_OR_IP),
                of("net.cidr_intersects", args -> Value.Bool.of(IpAddresses.parseCidr(Args.string(args, 0))
                        .intersects(IpAddresses.parseCidr(Args.string(args, 1)))), CIDR, CIDR),
                of("net.cidr_is_valid", args -> valid(() -> IpAddresses.parseCidr(Args.string(args, 0))),
                        Param.STRING),
                of("net.ip_is_valid", args -> valid(() -> IpAddresses.parseAddress(Args.string(args, 0))),
                        Param.STRING));
    }

    private static String text(Value value) {
        return ((Value.Str) value).value();
    }

    /** The second argument of cidr_contains is a CIDR block when it has a '/', else an address. */
    private static Value contains(List<Value> args) throws BuiltinException {
        Cidr cidr = IpAddresses.parseCidr(Args.string(args, 0));
        String inner = Args.string(args, 1);
        if (IpAddresses.isCidr(inner)) {
            return Value.Bool.of(cidr.contains(IpAddresses.parseCidr(inner)));
        }
        return Value.Bool.of(cidr.contains(IpAddresses.parseAddress(inner)));
    }

    private static void containsCheck(String text) throws BuiltinException {
        if (IpAddresses.isCidr(text)) {
            IpAddresses.parseCidr(text);
        } else {
            IpAddresses.parseAddress(text);
        }
    }

    private interface Parse {
        Object run() throws BuiltinException;
    }

    private static Value valid(Parse parse) {
        try {
            parse.run();
            return Value.Bool.TRUE;
        } catch (BuiltinException invalid) {
            return Value.Bool.FALSE;
        }
    }
}
