package com.seqplay.dataset.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class BracketCorpusTest {

    /** Depth reached by a line, or -1 when it is not balanced with matching kinds. */
    private static int maxDepthIfBalanced(String line) {
        Deque<Character> stack = new ArrayDeque<>();
        int deepest = 0;
        for (char c : line.toCharArray()) {
            switch (c) {
                case '(', '[', '{', '<' -> {
                    stack.push(c);
                    deepest = Math.max(deepest, stack.size());
                }
                case ')', ']', '}', '>' -> {
                    char expectedOpen = "([{<".charAt(")]}>".indexOf(c));
                    if (stack.isEmpty() || stack.pop() != expectedOpen) {
                        return -1;
                    }
                }
                default -> assertThat(c).isBetween('a', 'e');
            }
        }
        return stack.isEmpty() ? deepest : -1;
    }

    @Test
    void the_same_seed_gives_the_same_lines() {
        assertThat(BracketCorpus.generate(50, 9, 4)).isEqualTo(BracketCorpus.generate(50, 9, 4))
                .isNotEqualTo(BracketCorpus.generate(50, 10, 4));
    }

    @Test
    void every_line_is_balanced_and_never_deeper_than_the_maximum() {
        for (int maxDepth : new int[] {1, 2, 4, 8}) {
            for (String line : BracketCorpus.generate(300, maxDepth, maxDepth)) {
                int depth = maxDepthIfBalanced(line);
                assertThat(depth).as(line).isBetween(1, maxDepth);
            }
        }
    }

    @Test
    void the_maximum_depth_is_actually_reached() {
        List<String> lines = BracketCorpus.generate(300, 1, 4);
        assertThat(lines).anyMatch(line -> maxDepthIfBalanced(line) == 4);
    }

    @Test
    void all_four_bracket_kinds_and_filler_letters_occur() {
        String text = BracketCorpus.text(3000, 2, 5);
        assertThat(text.length()).isGreaterThanOrEqualTo(3000);
        for (char c : "()[]{}<>abcde\n".toCharArray()) {
            assertThat(text).contains(String.valueOf(c));
        }
        for (String line : text.split("\n")) {
            assertThat(maxDepthIfBalanced(line)).as(line).isPositive();
        }
    }

    @Test
    void a_depth_out_of_range_is_refused() {
        assertThatThrownBy(() -> BracketCorpus.generate(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BracketCorpus.text(1, 0, BracketCorpus.MAX_DEPTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
