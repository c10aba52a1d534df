package com.seqplay.engine.translation;

import com.seqplay.dataset.SentencePair;

/** A pair as token ids (without &lt;s&gt; and &lt;/s&gt;), beside the text it came from. */
record EncodedPair(SentencePair text, int[] source, int[] target) {}
