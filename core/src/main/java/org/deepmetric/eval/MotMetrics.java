package org.deepmetric.eval;

import java.util.Locale;

/**
 * The counts of a tracking evaluation, summable over sequences, and the figures made of them
 * (py-motmetrics' names): MOTA = 1 - (FN + FP + IDSW) / GT; MOTP as the MOTChallenge devkit
 * defines it, the mean IoU of matched pairs (py-motmetrics reports 1 - that as a distance), in the
 * table as a percentage like MOTA, as the devkit prints it;
 * IDF1 = 2 IDTP / (2 IDTP + IDFP + IDFN), IDP = IDTP / (IDTP + IDFP), IDR = IDTP / (IDTP + IDFN);
 * mostly tracked / lost: trajectories covered in at least 80% / under 20% of their frames; HOTA and
 * its parts as TrackEval computes them ({@link Hota}).
 */
public record MotMetrics(int frames, int groundTruth, int matches, int switches, int falsePositives, int misses,
    int fragmentations, double iouSum, int mostlyTracked, int partlyTracked, int mostlyLost, int trajectories,
    long idTruePositives, long idFalsePositives, long idFalseNegatives, Hota.Scores hota) {

  public double mota() {
    return groundTruth == 0 ? 0 : 1 - (double) (misses + falsePositives + switches) / groundTruth;
  }

  public double motp() {
    int matched = matches + switches;
    return matched == 0 ? 0 : iouSum / matched;
  }

  public double idf1() {
    long denominator = 2 * idTruePositives + idFalsePositives + idFalseNegatives;
    return denominator == 0 ? 0 : 2.0 * idTruePositives / denominator;
  }

  public double idp() {
    return idTruePositives + idFalsePositives == 0 ? 0 : (double) idTruePositives / (idTruePositives + idFalsePositives);
  }

  public double idr() {
    return idTruePositives + idFalseNegatives == 0 ? 0 : (double) idTruePositives / (idTruePositives + idFalseNegatives);
  }

  /** The sum of two sequences' counts. */
  public MotMetrics plus(MotMetrics o) {
    return new MotMetrics(frames + o.frames, groundTruth + o.groundTruth, matches + o.matches, switches + o.switches,
        falsePositives + o.falsePositives, misses + o.misses, fragmentations + o.fragmentations, iouSum + o.iouSum,
        mostlyTracked + o.mostlyTracked, partlyTracked + o.partlyTracked, mostlyLost + o.mostlyLost,
        trajectories + o.trajectories, idTruePositives + o.idTruePositives, idFalsePositives + o.idFalsePositives,
        idFalseNegatives + o.idFalseNegatives, hota.plus(o.hota));
  }

  public static final String CSV_HEADER = "sequence,MOTA,MOTP,IDF1,IDP,IDR,IDSW,FRAG,FP,FN,MT,PT,ML,GT_TRAJECTORIES,"
      + "GT_BOXES,FRAMES,HOTA,DetA,AssA,LocA,DetRe,DetPr,AssRe,AssPr";

  /** Counts as they are, CLEAR and identity figures to six decimals, HOTA's in full precision. */
  public String csvRow(String name) {
    return String.format(Locale.ROOT, "%s,%.6f,%.6f,%.6f,%.6f,%.6f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d", name, mota(), motp(),
        idf1(), idp(), idr(), switches, fragmentations, falsePositives, misses, mostlyTracked, partlyTracked,
        mostlyLost, trajectories, groundTruth, frames) + "," + hota.hota() + "," + hota.detA() + "," + hota.assA() + ","
        + hota.locA() + "," + hota.detRe() + "," + hota.detPr() + "," + hota.assRe() + "," + hota.assPr();
  }

  public String tableRow(String name) {
    return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %d | %d | %d"
        + " | %d | %d | %d |", name, 100 * hota.hota(), 100 * hota.detA(), 100 * hota.assA(), 100 * mota(),
        100 * motp(), 100 * idf1(), 100 * idp(), 100 * idr(), switches, fragmentations, falsePositives, misses,
        mostlyTracked, partlyTracked, mostlyLost);
  }

  public static final String TABLE_HEADER = "| sequence | HOTA | DetA | AssA | MOTA | MOTP | IDF1 | IDP | IDR | IDSW | FRAG"
      + " | FP | FN | MT | PT | ML |\n"
      + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
}
