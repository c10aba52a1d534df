package com.seqplay.task.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.spec.MemoryOptions;
import com.seqplay.task.memory.MemoryProbe.Sequence;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoryProbeTest {
    private final MemoryProbe probe = MemoryProbe.of(new MemoryOptions(20, 8, 500, 3));

    @Test
    void a_sequence_is_the_symbols_then_the_distractors_then_the_query() {
        assertThat(probe.length()).isEqualTo(3 + 20 + 1);
        assertThat(probe.vocabularySize()).isEqualTo(8 + MemoryProbe.DISTRACTOR_KINDS + 1);
        List<Sequence> all = probe.generate(500, 7);
        assertThat(all).hasSize(500);
        for (Sequence s : all) {
            int[] t = s.tokens();
            assertThat(t).hasSize(24);
            for (int i = 0; i < 3; i++) {
                assertThat(t[i]).as("symbol %d", i).isBetween(0, 7);
            }
            for (int i = 3; i < 23; i++) {
                assertThat(t[i]).as("distractor %d", i).isBetween(8, 8 + MemoryProbe.DISTRACTOR_KINDS - 1);
            }
            assertThat(t[23]).isEqualTo(probe.queryToken()).isEqualTo(probe.vocabularySize() - 1);
        }
    }

    @Test
    void the_answer_is_the_first_symbol_not_the_last() {
        List<Sequence> all = probe.generate(500, 7);
        assertThat(all).allSatisfy(s -> assertThat(s.answer()).isEqualTo(s.tokens()[0]));
        // the later symbols come from the same alphabet and often differ from the first
        assertThat(all.stream().filter(s -> s.tokens()[2] != s.tokens()[0]).count()).isGreaterThan(400);
        // every symbol is asked for, roughly equally often (chance really is 1/8)
        int[] counts = new int[8];
        all.forEach(s -> counts[s.answer()]++);
        assertThat(Arrays.stream(counts).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(40, 90));
    }

    @Test
    void the_same_seed_gives_the_same_sequences_and_another_seed_others() {
        List<Sequence> a = probe.generate(50, 3);
        List<Sequence> b = probe.generate(50, 3);
        List<Sequence> c = probe.generate(50, 4);
        for (int i = 0; i < 50; i++) {
            assertThat(a.get(i).tokens()).isEqualTo(b.get(i).tokens());
        }
        assertThat(tokens(a)).isNotEqualTo(tokens(c));
    }

    @Test
    void varied_distractors_keep_sequences_distinct_even_with_one_symbol() {
        MemoryProbe oneSymbol = new MemoryProbe(8, 1, 20);
        Set<List<Integer>> distinct = new HashSet<>();
        oneSymbol.generate(1000, 1).forEach(s -> distinct.add(Arrays.stream(s.tokens()).boxed().toList()));
        assertThat(distinct).hasSize(1000);
    }

    @Test
    void the_split_is_eighty_ten_ten_in_order() {
        List<Sequence> all = probe.generate(2000, 1);
        MemoryProbe.Split split = MemoryProbe.split(all);
        assertThat(split.training()).hasSize(1600);
        assertThat(split.validation()).hasSize(200);
        assertThat(split.test()).hasSize(200);
        assertThat(split.training().get(0)).isSameAs(all.get(0));
        assertThat(split.test().get(199)).isSameAs(all.get(1999));
        assertThat(MemoryProbe.split(probe.generate(25, 1)).test()).hasSize(3);
    }

    @Test
    void symbols_are_shown_as_letters_and_read_back() {
        assertThat(MemoryProbe.symbolName(0)).isEqualTo("A");
        assertThat(MemoryProbe.symbolName(25)).isEqualTo("Z");
        assertThat(MemoryProbe.symbolName(26)).isEqualTo("A1");
        assertThat(MemoryProbe.symbolName(99)).isEqualTo("V3");
        Sequence s = probe.sequence(new int[] {2, 0, 5}, new Random(1));
        assertThat(probe.shownSymbols(s)).isEqualTo("C A F");
        assertThat(probe.parseSymbols(" C A,F ")).containsExactly(2, 0, 5);
        MemoryProbe large = new MemoryProbe(100, 2, 5);
        assertThat(large.parseSymbols("A1 V3")).containsExactly(26, 99);
    }

    @Test
    void unknown_symbols_and_wrong_counts_are_refused_by_name() {
        assertThatThrownBy(() -> probe.parseSymbols("C A")).hasMessageContaining("give 3 symbols").hasMessageContaining("not 2");
        assertThatThrownBy(() -> probe.parseSymbols("C A Q")).hasMessageContaining("'Q' is not a symbol")
                .hasMessageContaining("A to H");
        assertThatThrownBy(() -> probe.parseSymbols(null)).hasMessageContaining("give 3 symbols");
        assertThatThrownBy(() -> probe.sequence(new int[] {1, 2}, new Random())).hasMessageContaining("3 symbols");
    }

    private static List<List<Integer>> tokens(List<Sequence> sequences) {
        return sequences.stream().map(s -> Arrays.stream(s.tokens()).boxed().toList()).toList();
    }
}
