#!/usr/bin/env python3
"""Writes the known-answer case for ReRankingTest with a dense NumPy re-ranking.

A second, independent implementation of k-reciprocal re-ranking (Zhong et al., CVPR 2017) in
the dense form of the authors' published code (full N x N matrices, np.argsort), run on a small
fixed set of features. deepmetric's sparse Java version must reproduce its distances.

Usage: python3 scripts/rerank-reference.py > src/test/resources/rerank/case.txt
"""
import numpy as np

K1, K2, LAMBDA = 6, 3, 0.3


def squared_euclidean(a, b):
    return np.maximum(0, (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T)


def re_ranking(q_g, q_q, g_g, k1, k2, lam):
    original = np.concatenate([np.concatenate([q_q, q_g], 1), np.concatenate([q_g.T, g_g], 1)], 0)
    original = np.power(original, 2).astype(np.float64)
    original = np.transpose(original / np.max(original, axis=0))
    n = original.shape[0]
    nq = q_g.shape[0]
    V = np.zeros_like(original)
    rank = np.argsort(original, kind="stable").astype(np.int32)
    for i in range(n):
        forward = rank[i, :k1 + 1]
        backward = rank[forward, :k1 + 1]
        reciprocal = forward[np.where(backward == i)[0]]
        expansion = reciprocal
        half = int(np.around(k1 / 2.0))
        for candidate in reciprocal:
            c_forward = rank[candidate, :half + 1]
            c_backward = rank[c_forward, :half + 1]
            c_reciprocal = c_forward[np.where(c_backward == candidate)[0]]
            if len(np.intersect1d(c_reciprocal, reciprocal)) > 2.0 / 3 * len(c_reciprocal):
                expansion = np.append(expansion, c_reciprocal)
        expansion = np.unique(expansion)
        weight = np.exp(-original[i, expansion])
        V[i, expansion] = weight / np.sum(weight)
    original = original[:nq]
    if k2 != 1:
        V = np.stack([V[rank[i, :k2]].mean(0) for i in range(n)])
    jaccard = np.zeros_like(original)
    for i in range(nq):
        shared = np.minimum(V[i][None, :], V).sum(1)
        jaccard[i] = 1 - shared / (2 - shared)
    final = jaccard * (1 - lam) + original * lam
    return final[:, nq:]


def main():
    rng = np.random.RandomState(7)
    centres = rng.randn(4, 3)
    people = np.array([0, 1, 2, 3, 0, 0, 1, 1, 2, 2, 3, 3, 0, 1, 2, 3])
    features = (centres[people] + 0.45 * rng.randn(len(people), 3)).astype(np.float32)
    query, gallery = features[:4].astype(np.float64), features[4:].astype(np.float64)
    final = re_ranking(squared_euclidean(query, gallery), squared_euclidean(query, query),
                       squared_euclidean(gallery, gallery), K1, K2, LAMBDA)
    print(f"# k1 {K1} k2 {K2} lambda {LAMBDA}; metric squared-euclidean; queries 4")
    for row in features:
        print("f " + " ".join(repr(float(v)) for v in row))
    for row in final:
        print("d " + " ".join(f"{v:.7f}" for v in row))


if __name__ == "__main__":
    main()
