package com.seqplay.engine.translation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens of one side (source or target) with their ids. Ids 0-3 are the special tokens: padding,
 * unknown, begin and end of sentence. The rest are the training data's most frequent tokens (ties in
 * token order, so the same data always gives the same ids); any other token, and any text that spells
 * a special token, is read as unknown.
 */
final class Vocabulary {
    static final String PAD = "<pad>";
    static final String UNK = "<unk>";
    static final String BOS = "<s>";
    static final String EOS = "</s>";
    static final int PAD_ID = 0;
    static final int UNK_ID = 1;
    static final int BOS_ID = 2;
    static final int EOS_ID = 3;
    static final int SPECIALS = 4;

    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();

    private Vocabulary(List<String> tokens) {
        if (tokens.size() < SPECIALS || !tokens.subList(0, SPECIALS).equals(List.of(PAD, UNK, BOS, EOS))) {
            throw new IllegalArgumentException("a vocabulary starts with " + List.of(PAD, UNK, BOS, EOS));
        }
        this.tokens = List.copyOf(tokens);
        for (int i = SPECIALS; i < tokens.size(); i++) {
            if (ids.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("the token '" + tokens.get(i) + "' appears twice in the vocabulary");
            }
        }
    }

    /**
     * @param maxTokens how many ordinary tokens to keep at most (the four special tokens come on top)
     */
    static Vocabulary build(List<List<String>> sentences, int maxTokens) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> sentence : sentences) {
            for (String token : sentence) {
                if (!isSpecial(token)) {
                    counts.merge(token, 1, Integer::sum);
                }
            }
        }
        List<String> kept = counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(maxTokens)
                .map(Map.Entry::getKey)
                .toList();
        List<String> all = new ArrayList<>(List.of(PAD, UNK, BOS, EOS));
        all.addAll(kept);
        return new Vocabulary(all);
    }

    /** A saved vocabulary: every token in id order, the special ones first. */
    static Vocabulary of(List<String> tokensInIdOrder) {
        return new Vocabulary(tokensInIdOrder);
    }

    private static boolean isSpecial(String token) {
        return token.equals(PAD) || token.equals(UNK) || token.equals(BOS) || token.equals(EOS);
    }

    int size() {
        return tokens.size();
    }

    /** Every token in id order, the special ones first. */
    List<String> tokens() {
        return tokens;
    }

    /** The id of an ordinary token; unknown and special-looking tokens get {@link #UNK_ID}. */
    int id(String token) {
        return ids.getOrDefault(token, UNK_ID);
    }

    String token(int id) {
        return tokens.get(id);
    }

    int[] encode(List<String> sentence) {
        return sentence.stream().mapToInt(this::id).toArray();
    }

    List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(tokens.get(id));
        }
        return out;
    }
}
