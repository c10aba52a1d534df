package com.seqplay.engine.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {

    @Test
    void ten_distinct_lengths_make_five_buckets_of_two_shortest_first() {
        int[] lengths = {9, 1, 8, 2, 7, 3, 6, 4, 5, 10};
        List<LengthBuckets.Bucket> buckets = LengthBuckets.of(lengths, 5);
        assertThat(buckets).extracting(LengthBuckets.Bucket::minLength).containsExactly(1, 3, 5, 7, 9);
        assertThat(buckets).extracting(LengthBuckets.Bucket::maxLength).containsExactly(2, 4, 6, 8, 10);
        assertThat(buckets.get(0).indices()).containsExactly(1, 3); // the pairs of length 1 and 2
        assertThat(buckets.get(4).indices()).containsExactly(0, 9);
    }

    @Test
    void a_length_is_never_split_across_buckets() {
        // six pairs of length 4: an equal split would cut them; they stay together and the buckets do not overlap
        int[] lengths = {4, 4, 4, 4, 4, 4, 2, 7, 9, 12};
        List<LengthBuckets.Bucket> buckets = LengthBuckets.of(lengths, 5);
        assertThat(buckets).extracting(b -> b.minLength() + "-" + b.maxLength() + ":" + b.indices().size())
                .containsExactly("2-4:7", "7-7:1", "9-9:1", "12-12:1");
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).minLength()).isGreaterThan(buckets.get(i - 1).maxLength());
        }
        assertThat(buckets.stream().mapToInt(b -> b.indices().size()).sum()).isEqualTo(lengths.length);
    }

    @Test
    void fewer_pairs_than_buckets_gives_one_bucket_per_pair_and_no_pairs_none() {
        assertThat(LengthBuckets.of(new int[] {3, 5}, 5)).extracting(b -> b.indices().size()).containsExactly(1, 1);
        assertThat(LengthBuckets.of(new int[] {6, 6, 6}, 5)).singleElement()
                .satisfies(b -> assertThat(b.indices()).containsExactly(0, 1, 2));
        assertThat(LengthBuckets.of(new int[0], 5)).isEmpty();
        assertThatThrownBy(() -> LengthBuckets.of(new int[] {1}, 0)).hasMessageContaining("at least one bucket");
    }

    @Test
    void uneven_counts_differ_by_at_most_one_pair() {
        int[] lengths = new int[23];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = 100 - i;
        }
        List<LengthBuckets.Bucket> buckets = LengthBuckets.of(lengths, 5);
        assertThat(buckets).hasSize(5).allSatisfy(b -> assertThat(b.indices().size()).isBetween(4, 5));
        assertThat(buckets.stream().mapToInt(b -> b.indices().size()).sum()).isEqualTo(23);
    }

    @Test
    void after_a_bucket_stretched_by_a_common_length_the_rest_is_shared_evenly() {
        // the first bucket takes all six pairs of length 2; the four left make two buckets of two, not one and three
        int[] lengths = {1, 1, 2, 2, 2, 2, 2, 2, 3, 4, 5, 6};
        assertThat(LengthBuckets.of(lengths, 3)).extracting(b -> b.minLength() + "-" + b.maxLength() + ":" + b.indices().size())
                .containsExactly("1-2:8", "3-4:2", "5-6:2");
    }
}
