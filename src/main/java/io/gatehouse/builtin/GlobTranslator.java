package io.gatehouse.builtin;

import java.util.List;

/** Translates a glob into an equivalent RE2 pattern, matched against the whole text; see {@link GlobBuiltins}. */
final class GlobTranslator {

    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private final String glob;
    private final String notDelimiter;
    private final StringBuilder out = new StringBuilder("(?s)");
    private int index;
    private int openBraces;

    private GlobTranslator(String glob, List<Integer> delimiters) {
        this.glob = glob;
        StringBuilder set = new StringBuilder();
        delimiters.forEach(point -> appendLiteral(point, set));
        this.notDelimiter = set.isEmpty() ? "." : "[^" + set + "]";
    }

    static String translate(String glob, List<Integer> delimiters) throws BuiltinException {
        GlobTranslator translator = new GlobTranslator(glob, delimiters);
        translator.run();
        return translator.out.toString();
    }

    private void run() throws BuiltinException {
        while (index < glob.length()) {
            int point = glob.codePointAt(index);
            index += Character.charCount(point);
            translate(point);
        }
        if (openBraces > 0) {
            throw invalid("unclosed '{'");
        }
    }

    private void translate(int point) throws BuiltinException {
        switch (point) {
            case '*' -> star();
            case '?' -> out.append(notDelimiter);
            case '[' -> characterClass();
            case '{' -> {
                openBraces++;
                out.append("(?:");
            }
            case '}' -> closeBrace();
            case ',' -> out.append(openBraces > 0 ? "|" : ",");
            case '\\' -> escaped();
            default -> appendLiteral(point, out);
        }
    }

    private void star() {
        if (index < glob.length() && glob.charAt(index) == '*') {
            index++;
            out.append(".*");
        } else {
            out.append(notDelimiter).append('*');
        }
    }

    private void closeBrace() throws BuiltinException {
        if (openBraces == 0) {
            throw invalid("'}' without '{'");
        }
        openBraces--;
        out.append(')');
    }

    private void escaped() throws BuiltinException {
        if (index >= glob.length()) {
            throw invalid("trailing backslash");
        }
        int point = glob.codePointAt(index);
        index += Character.charCount(point);
        appendLiteral(point, out);
    }

    /** {@code [abc]}, {@code [a-z]}, {@code [!abc]} or {@code [^abc]}: members are literal, ranges ascend. */
    private void characterClass() throws BuiltinException {
        StringBuilder members = new StringBuilder();
        boolean negated = index < glob.length() && (glob.charAt(index) == '!' || glob.charAt(index) == '^');
        index += negated ? 1 : 0;
        while (index < glob.length() && glob.charAt(index) != ']') {
            int low = classMember();
            members.append(escapedInClass(low));
            if (index + 1 < glob.length() && glob.charAt(index) == '-' && glob.charAt(index + 1) != ']') {
                index++;
                int high = classMember();
                if (high < low) {
                    throw invalid("range out of order in character class");
                }
                members.append('-').append(escapedInClass(high));
            }
        }
        if (index >= glob.length() || members.isEmpty()) {
            throw invalid(members.isEmpty() && index < glob.length() ? "empty character class" : "unclosed '['");
        }
        index++;
        out.append(negated ? "[^" : "[").append(members).append(']');
    }

    private int classMember() throws BuiltinException {
        if (glob.charAt(index) == '\\') {
            index++;
            if (index >= glob.length()) {
                throw invalid("trailing backslash");
            }
        }
        int point = glob.codePointAt(index);
        index += Character.charCount(point);
        return point;
    }

    private static String escapedInClass(int point) {
        StringBuilder out = new StringBuilder();
        appendLiteral(point, out);
        return out.toString();
    }

    /** ASCII punctuation is escaped, which RE2 always accepts; everything else is literal. */
    private static void appendLiteral(int point, StringBuilder out) {
        if (PUNCTUATION.indexOf(point) >= 0) {
            out.append('\\');
        }
        out.appendCodePoint(point);
    }

    private BuiltinException invalid(String why) {
        return new BuiltinException("invalid glob pattern " + Args.quote(glob) + ": " + why);
    }
}
