package com.seqplay.dataset.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.dataset.SentencePair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NumberWordsTest {

    @Test
    void writes_numbers_the_british_way() {
        assertThat(NumberWords.toWords(0)).isEqualTo("zero");
        assertThat(NumberWords.toWords(7)).isEqualTo("seven");
        assertThat(NumberWords.toWords(13)).isEqualTo("thirteen");
        assertThat(NumberWords.toWords(40)).isEqualTo("forty");
        assertThat(NumberWords.toWords(42)).isEqualTo("forty two");
        assertThat(NumberWords.toWords(100)).isEqualTo("one hundred");
        assertThat(NumberWords.toWords(101)).isEqualTo("one hundred and one");
        assertThat(NumberWords.toWords(312)).isEqualTo("three hundred and twelve");
        assertThat(NumberWords.toWords(1000)).isEqualTo("one thousand");
        assertThat(NumberWords.toWords(1005)).isEqualTo("one thousand and five");
        assertThat(NumberWords.toWords(2310)).isEqualTo("two thousand three hundred and ten");
        assertThat(NumberWords.toWords(9999)).isEqualTo("nine thousand nine hundred and ninety nine");
        assertThat(NumberWords.toWords(120_019)).isEqualTo("one hundred and twenty thousand and nineteen");
        assertThat(NumberWords.toWords(999_999))
                .isEqualTo("nine hundred and ninety nine thousand nine hundred and ninety nine");
    }

    @Test
    void every_number_up_to_the_maximum_reads_back_with_an_independent_reader() {
        for (int n = 0; n <= 20_000; n++) {
            assertThat(readBack(NumberWords.toWords(n))).isEqualTo(n);
        }
        assertThat(readBack(NumberWords.toWords(NumberWords.MAX))).isEqualTo(NumberWords.MAX);
    }

    @Test
    void words_are_unique_per_number() {
        Map<String, Integer> seen = new HashMap<>();
        for (int n = 0; n <= 20_000; n++) {
            assertThat(seen.put(NumberWords.toWords(n), n)).isNull();
        }
    }

    @Test
    void generated_pairs_are_deterministic_and_correct() {
        List<SentencePair> pairs = NumberWords.generate(500, 11);
        assertThat(pairs).isEqualTo(NumberWords.generate(500, 11)).isNotEqualTo(NumberWords.generate(500, 12));
        for (SentencePair pair : pairs) {
            assertThat(readBack(pair.source())).isEqualTo(Integer.parseInt(pair.target()));
            assertThat(Integer.parseInt(pair.target())).isBetween(0, NumberWords.DEFAULT_MAX);
        }
    }

    @Test
    void short_numbers_are_not_drowned_by_long_ones() {
        long oneDigit = NumberWords.generate(4000, 5).stream().filter(p -> p.target().length() == 1).count();
        assertThat(oneDigit).isBetween(800L, 1200L); // about a quarter, not 0.1%
    }

    @Test
    void out_of_range_numbers_are_refused() {
        assertThatThrownBy(() -> NumberWords.toWords(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NumberWords.toWords(1_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NumberWords.generate(1, 0, 1_000_000)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Reads words back by accumulating: units add, "hundred" multiplies, "thousand" closes a group. */
    private static int readBack(String words) {
        Map<String, Integer> values = new HashMap<>();
        String[] units = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
        for (int i = 0; i < units.length; i++) {
            values.put(units[i], i);
        }
        String[] tens = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        for (int i = 0; i < tens.length; i++) {
            values.put(tens[i], 20 + 10 * i);
        }
        int total = 0;
        int group = 0;
        for (String word : words.split(" ")) {
            switch (word) {
                case "and" -> { }
                case "hundred" -> group *= 100;
                case "thousand" -> {
                    total += group * 1000;
                    group = 0;
                }
                default -> group += values.get(word);
            }
        }
        return total + group;
    }
}
