#!/usr/bin/python3
"""Seqplay's default translation model in PyTorch, for side-by-side speed comparisons.

The same model and epoch as `java -jar target/seqplay.jar bench --task translation`: character
tokens (vocabularies from the training pairs, 4 special tokens first), a one-layer LSTM encoder of
128 units over one-hot source characters, its output at the last real source step fed to the
decoder at every step beside the previous target character (teacher forcing), a one-layer LSTM
decoder of 128 units, one-head attention with projected queries, keys and values (scaled dot
product, padded source steps masked) whose output is concatenated with the decoder's, a softmax
output layer, summed cross-entropy per sequence averaged over the batch, Adam 0.005, batch 64.
An epoch is training on the training pairs, then the validation loss and greedy decoding of the
validation pairs (corpus BLEU over characters and exact match), as Seqplay's epoch. PyTorch's own
weight initialisation is used (speed does not depend on it).

The pairs and their split come from the file `bench --task translation --corpus-out FILE` writes
(lines `train|validation|test<TAB>source<TAB>target`). Prints one line per epoch after the first:

    task=translation threads=<n> epoch=<e> s_per_epoch=<s> train_s=<s> eval_s=<s> cpu_s=<s>

Run it with Debian's python3 (`apt-get install -y python3-torch libopenblas0-openmp`).
"""
import argparse
import collections
import math
import random
import time

import torch
import torch.nn as nn

PAD, UNK, BOS, EOS = 0, 1, 2, 3
SPECIALS = ["<pad>", "<unk>", "<s>", "</s>"]


def read_corpus(path):
    parts = {"train": [], "validation": [], "test": []}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3 or fields[0] not in parts:
                raise SystemExit(f"{path}, line {number}: expected 'train|validation|test<TAB>source<TAB>target'")
            parts[fields[0]].append((fields[1], fields[2]))
    return parts


def vocabulary(sentences):
    """Tokens by falling frequency, ties in token order, after the special tokens (as Seqplay's)."""
    counts = collections.Counter(ch for s in sentences for ch in s)
    tokens = SPECIALS + sorted(counts, key=lambda t: (-counts[t], t))
    return {t: i for i, t in enumerate(tokens)}, tokens


def encode(text, ids):
    return [ids.get(ch, UNK) for ch in text]


class Seq2Seq(nn.Module):
    def __init__(self, source_vocab, target_vocab, hidden):
        super().__init__()
        self.source_vocab, self.target_vocab = source_vocab, target_vocab
        self.encoder = nn.LSTM(source_vocab, hidden, batch_first=True)
        self.decoder = nn.LSTM(target_vocab + hidden, hidden, batch_first=True)
        self.wq = nn.Linear(hidden, hidden, bias=False)
        self.wk = nn.Linear(hidden, hidden, bias=False)
        self.wv = nn.Linear(hidden, hidden, bias=False)
        self.wo = nn.Linear(hidden, hidden, bias=False)
        self.out = nn.Linear(2 * hidden, target_vocab)
        self.scale = 1.0 / math.sqrt(hidden)

    def encode(self, source, source_len):
        x = nn.functional.one_hot(source, self.source_vocab).float()
        packed = nn.utils.rnn.pack_padded_sequence(x, source_len, batch_first=True, enforce_sorted=False)
        out, (h, _) = self.encoder(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=source.shape[1])
        mask = torch.arange(source.shape[1])[None, :] < source_len[:, None]
        return out, h[-1], self.wk(out), self.wv(out), mask

    def decode(self, encoded, decoder_in, state=None):
        out, summary, keys, values, mask = encoded
        y = nn.functional.one_hot(decoder_in, self.target_vocab).float()
        x = torch.cat([y, summary[:, None, :].expand(-1, y.shape[1], -1)], dim=2)
        d, state = self.decoder(x, state)
        scores = torch.bmm(self.wq(d), keys.transpose(1, 2)) * self.scale
        scores = scores.masked_fill(~mask[:, None, :], float("-inf"))
        attended = self.wo(torch.bmm(torch.softmax(scores, dim=2), values))
        return self.out(torch.cat([d, attended], dim=2)), state


def pad(seqs, length=None):
    length = length or max(len(s) for s in seqs)
    return torch.tensor([s + [PAD] * (length - len(s)) for s in seqs], dtype=torch.long)


def batch_tensors(pairs):
    sources = [p[0] for p in pairs]
    inputs = [[BOS] + p[1] for p in pairs]
    labels = [p[1] + [EOS] for p in pairs]
    return (pad(sources), torch.tensor([len(s) for s in sources]), pad(inputs), pad(labels),
            torch.tensor([len(s) for s in labels]))


def sequence_loss(model, pairs):
    source, source_len, inputs, labels, label_len = batch_tensors(pairs)
    logits, _ = model.decode(model.encode(source, source_len), inputs)
    mask = torch.arange(labels.shape[1])[None, :] < label_len[:, None]
    losses = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), labels.reshape(-1), reduction="none")
    return (losses * mask.reshape(-1)).sum() / len(pairs)


@torch.no_grad()
def greedy(model, sources, max_steps, rows=512):
    outputs = []
    for start in range(0, len(sources), rows):
        chunk = sources[start:start + rows]
        encoded = model.encode(pad(chunk), torch.tensor([len(s) for s in chunk]))
        token = torch.full((len(chunk), 1), BOS, dtype=torch.long)
        state, done = None, torch.zeros(len(chunk), dtype=torch.bool)
        produced = []
        for _ in range(max_steps):
            logits, state = model.decode(encoded, token, state)
            token = logits[:, -1, :].argmax(dim=1, keepdim=True)
            produced.append(token[:, 0])
            done |= token[:, 0] == EOS
            if bool(done.all()):
                break
        rows_out = torch.stack(produced, dim=1).tolist()
        outputs += [r[:r.index(EOS)] if EOS in r else r for r in rows_out]
    return outputs


def corpus_bleu(candidates, references, n=4):
    matches, totals = [0] * n, [0] * n
    cand_len = ref_len = 0
    for c, r in zip(candidates, references):
        cand_len += len(c)
        ref_len += len(r)
        for k in range(1, n + 1):
            cg = collections.Counter(tuple(c[i:i + k]) for i in range(len(c) - k + 1))
            rg = collections.Counter(tuple(r[i:i + k]) for i in range(len(r) - k + 1))
            matches[k - 1] += sum(min(v, rg[g]) for g, v in cg.items())
            totals[k - 1] += max(0, len(c) - k + 1)
    if min(matches) == 0:
        return 0.0
    log_precision = sum(math.log(m / t) for m, t in zip(matches, totals)) / n
    brevity = 1.0 if cand_len > ref_len else math.exp(1 - ref_len / max(cand_len, 1))
    return brevity * math.exp(log_precision)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", required=True, help="file written by bench --task translation --corpus-out")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.005)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    parts = read_corpus(args.corpus)
    source_ids, _ = vocabulary([p[0] for p in parts["train"]])
    target_ids, target_tokens = vocabulary([p[1] for p in parts["train"]])
    train = [(encode(s, source_ids), encode(t, target_ids)) for s, t in parts["train"]]
    validation = [(encode(s, source_ids), encode(t, target_ids)) for s, t in parts["validation"]]
    max_steps = max(len(t) for _, t in train) + 2
    model = Seq2Seq(len(source_ids), len(target_ids), args.hidden)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    order = list(train)
    rng = random.Random(args.seed)
    for epoch in range(1, args.epochs + 1):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        model.train()
        rng.shuffle(order)
        for start in range(0, len(order), args.batch):
            optimiser.zero_grad()
            loss = sequence_loss(model, order[start:start + args.batch])
            loss.backward()
            optimiser.step()
        wall1 = time.perf_counter()
        model.eval()
        with torch.no_grad():
            val_loss = sum(float(sequence_loss(model, validation[i:i + args.batch])) * len(validation[i:i + args.batch])
                           for i in range(0, len(validation), args.batch)) / len(validation)
        outputs = greedy(model, [s for s, _ in validation], max_steps)
        references = [t for _, t in validation]
        bleu = corpus_bleu(outputs, references)
        exact = sum(o == r for o, r in zip(outputs, references)) / len(references)
        wall2, cpu2 = time.perf_counter(), time.process_time()
        if epoch > 1 or args.epochs == 1:
            print(f"task=translation threads={args.threads} epoch={epoch} s_per_epoch={wall2 - wall0:.2f} "
                  f"train_s={wall1 - wall0:.2f} eval_s={wall2 - wall1:.2f} cpu_s={cpu2 - cpu0:.2f}", flush=True)
        print(f"# epoch {epoch}: validation loss {val_loss:.3f} per pair, BLEU {100 * bleu:.1f}, "
              f"exact match {100 * exact:.1f}%", flush=True)


if __name__ == "__main__":
    main()
