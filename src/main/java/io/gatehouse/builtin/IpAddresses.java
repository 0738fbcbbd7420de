package io.gatehouse.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Strict, hand-written parsing of IP addresses and CIDR blocks. Text is never resolved as a host name. Refused:
 * leading zeros in IPv4 octets and prefix lengths, signs, spaces, zone ids, brackets, and CIDR blocks with host bits
 * set ("10.0.0.1/8"), since such a block most likely says something other than what its author meant.
 */
final class IpAddresses {

    /** An address: 4 bytes for IPv4, 16 for IPv6. */
    record Address(byte[] bytes) {
        boolean isV4() {
            return bytes.length == 4;
        }

        /** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), or this address. */
        Address unmapped() {
            if (bytes.length == 16 && Arrays.equals(bytes, 0, 12, MAPPED_PREFIX, 0, 12)) {
                return new Address(Arrays.copyOfRange(bytes, 12, 16));
            }
            return this;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Address address && Arrays.equals(bytes, address.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return format(this);
        }
    }

    /** A canonical CIDR block: no bit beyond the prefix is set. */
    record Cidr(Address network, int prefix) {
        /** Whether the address lies in this block; an IPv4-mapped IPv6 address counts as its IPv4 address. */
        boolean contains(Address address) {
            Address candidate = network.isV4() ? address.unmapped() : address;
            return candidate.bytes().length == network.bytes().length && samePrefix(candidate, network, prefix);
        }

        boolean contains(Cidr other) {
            return other.prefix >= prefix && contains(other.network);
        }

        boolean intersects(Cidr other) {
            return contains(other) || other.contains(this);
        }
    }

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private IpAddresses() {
    }

    static Address parseAddress(String text) throws BuiltinException {
        byte[] bytes = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
        if (bytes == null) {
            throw new BuiltinException("invalid ip address " + Args.quote(text) + ", expected a dotted quad "
                    + "without leading zeros or an ipv6 address");
        }
        return new Address(bytes);
    }

    static Cidr parseCidr(String text) throws BuiltinException {
        int slash = text.indexOf('/');
        byte[] bytes = slash < 0 ? null : text.indexOf(':') >= 0 ? parseV6(text.substring(0, slash))
                : parseV4(text.substring(0, slash));
        int prefix = bytes == null ? -1 : decimal(text.substring(slash + 1), bytes.length * 8);
        if (prefix < 0) {
            throw new BuiltinException("invalid cidr " + Args.quote(text) + ", expected an address, '/' and a "
                    + "prefix length without leading zeros");
        }
        Address network = new Address(masked(bytes, prefix));
        if (!Arrays.equals(bytes, network.bytes())) {
            throw new BuiltinException("invalid cidr " + Args.quote(text) + ": host bits are set, expected "
                    + Args.quote(network + "/" + prefix));
        }
        return new Cidr(network, prefix);
    }

    static boolean isCidr(String text) {
        return text.indexOf('/') >= 0;
    }

    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int index = 0; index < 4; index++) {
            int octet = decimal(parts[index], 255);
            if (octet < 0) {
                return null;
            }
            bytes[index] = (byte) octet;
        }
        return bytes;
    }

    /** A decimal of ASCII digits without a leading zero, at most {@code max}; -1 when it is not one. */
    private static int decimal(String text, int max) {
        if (text.isEmpty() || text.length() > 3 || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }

    /** RFC 4291 text: eight groups of 1-4 hex digits, one "::" at most, optionally a dotted quad at the end. */
    private static byte[] parseV6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        List<Integer> head = gap < 0 ? groups(text, true) : groups(text.substring(0, gap), false);
        List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int missing = 8 - head.size() - tail.size();
        if (gap < 0 ? missing != 0 : missing < 1) {
            return null;
        }
        byte[] bytes = new byte[16];
        fill(bytes, head, 0);
        fill(bytes, tail, 16 - 2 * tail.size());
        return bytes;
    }

    /** Groups of 16 bits; a trailing dotted quad, allowed only at the very end, counts as two groups. */
    private static List<Integer> groups(String text, boolean atEnd) {
        List<Integer> groups = new ArrayList<>();
        if (text.isEmpty()) {
            return groups;
        }
        String[] parts = text.split(":", -1);
        for (int index = 0; index < parts.length; index++) {
            boolean last = atEnd && index == parts.length - 1;
            if (!addGroup(parts[index], last, groups)) {
                return null;
            }
        }
        return groups;
    }

    private static boolean addGroup(String part, boolean last, List<Integer> groups) {
        if (last && part.indexOf('.') >= 0) {
            byte[] v4 = parseV4(part);
            if (v4 == null) {
                return false;
            }
            groups.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
            groups.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
            return true;
        }
        if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpAddresses::isHex)) {
            return false;
        }
        groups.add(Integer.parseInt(part, 16));
        return true;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void fill(byte[] bytes, List<Integer> groups, int offset) {
        for (int index = 0; index < groups.size(); index++) {
            bytes[offset + 2 * index] = (byte) (groups.get(index) >> 8);
            bytes[offset + 2 * index + 1] = (byte) (int) groups.get(index);
        }
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] network = bytes.clone();
        for (int bit = prefix; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return network;
    }

    private static boolean samePrefix(Address left, Address right, int prefix) {
        return Arrays.equals(masked(left.bytes(), prefix), masked(right.bytes(), prefix));
    }

    /** Dotted quad, or RFC 5952 text for IPv6: lowercase, leading zeros dropped, the longest zero run as "::". */
    static String format(Address address) {
        byte[] bytes = address.bytes();
        if (address.isV4()) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int index = 0; index < 8; index++) {
            groups[index] = ((bytes[2 * index] & 0xff) << 8) | (bytes[2 * index + 1] & 0xff);
        }
        int[] run = longestZeroRun(groups);
        StringBuilder out = new StringBuilder();
        for (int index = 0; index < 8; index++) {
            if (index == run[0]) {
                out.append("::");
                index += run[1] - 1;
                continue;
            }
            out.append(out.isEmpty() || out.charAt(out.length() - 1) == ':' ? "" : ":");
            out.append(Integer.toHexString(groups[index]));
        }
        return out.toString();
    }

    /** Start and length of the first longest run of two or more zero groups; start -1 when there is none. */
    private static int[] longestZeroRun(int[] groups) {
        int[] best = {-1, 1};
        for (int start = 0; start < 8; start++) {
            int end = start;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - start > best[1]) {
                best = new int[] {start, end - start};
            }
            start = Math.max(start, end);
        }
        return best;
    }
}
