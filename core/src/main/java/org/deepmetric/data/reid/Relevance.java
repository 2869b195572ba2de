package org.deepmetric.data.reid;

/**
 * What a gallery item is to a query under the rule of the official Market-1501 and MARS kits,
 * which torchreid follows too: GOOD is the query's person seen by another camera; JUNK is a
 * person id of -1 (a bad detection) or the query's person seen by the query's own camera, and
 * is taken out of the ranking; everything else, distractors (id 0) included, is NEGATIVE.
 * Camera {@link #UNKNOWN_CAMERA} (a custom dataset that names none) makes every item of the
 * query's person GOOD: without cameras there is no same-camera match to take out.
 * Evaluation, the ranked-result pictures and the synthetic gt_query files all ask this one rule.
 */
public enum Relevance {
  GOOD,
  JUNK,
  NEGATIVE;

  public static final int UNKNOWN_CAMERA = 0;

  public static Relevance of(int queryId, int queryCamera, int itemId, int itemCamera) {
    boolean sameView = itemCamera == queryCamera && queryCamera != UNKNOWN_CAMERA;
    if (itemId == -1 || (itemId == queryId && sameView)) {
      return JUNK;
    }
    return itemId == queryId ? GOOD : NEGATIVE;
  }

  public static Relevance of(PersonImage query, PersonImage item) {
    return of(query.personId(), query.camera(), item.personId(), item.camera());
  }
}
