package io.gatehouse.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** String order is Unicode code point order, which differs from Java's UTF-16 order above U+FFFF. */
class ValueOrderTest {

    /** The definition, decoding code points one by one; the fast comparator must agree with it everywhere. */
    static int byDecodedCodePoints(String left, String right) {
        int[] leftPoints = left.codePoints().toArray();
        int[] rightPoints = right.codePoints().toArray();
        for (int index = 0; index < Math.min(leftPoints.length, rightPoints.length); index++) {
            if (leftPoints[index] != rightPoints[index]) {
                return Integer.compare(leftPoints[index], rightPoints[index]);
            }
        }
        return Integer.compare(leftPoints.length, rightPoints.length);
    }

    @Test
    void whenACharacterIsAboveTheBasicPlaneThenItSortsAfterEveryBasicPlaneCharacter() {
        assertThat(ValueOrder.compareCodePoints("\uffff", "\ud83d\ude00")).isNegative();
        assertThat("\uffff".compareTo("\ud83d\ude00")).as("Java's own order disagrees").isPositive();
        assertThat(ValueOrder.compareCodePoints("B", "a")).isNegative();
        assertThat(ValueOrder.compareCodePoints("ab", "abc")).isNegative();
        assertThat(ValueOrder.compareCodePoints("same", "same")).isZero();
    }

    @Test
    void whenStringsAreRandomThenTheFastOrderAgreesWithDecodedCodePoints() {
        Random random = new Random(20261204L);
        String[] alphabet = {"a", "z", "A", "\u00e9", "\ud7ff", "\ue000", "\uffff", "\ud800\udc00", "\udbff\udfff",
            "\ud83d\ude00", "\ud83d\ude01"};
        for (int round = 0; round < 50_000; round++) {
            String left = randomString(random, alphabet);
            String right = randomString(random, alphabet);
            assertThat(Integer.signum(ValueOrder.compareCodePoints(left, right)))
                    .as("%s vs %s", left, right)
                    .isEqualTo(Integer.signum(byDecodedCodePoints(left, right)));
        }
    }

    @Test
    void whenStringsHoldLoneSurrogatesThenTheOrderIsStillTotal() {
        Random random = new Random(7L);
        String[] alphabet = {"a", "\ue000", "\ud800", "\udfff", "\ud83d\ude00"};
        for (int round = 0; round < 20_000; round++) {
            String a = randomString(random, alphabet);
            String b = randomString(random, alphabet);
            String c = randomString(random, alphabet);
            int ab = Integer.signum(ValueOrder.compareCodePoints(a, b));
            assertThat(Integer.signum(ValueOrder.compareCodePoints(b, a))).isEqualTo(-ab);
            if (ab <= 0 && ValueOrder.compareCodePoints(b, c) <= 0) {
                assertThat(ValueOrder.compareCodePoints(a, c)).as("%s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
            }
        }
    }

    private static String randomString(Random random, String[] alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(5);
        for (int index = 0; index < length; index++) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }
}
