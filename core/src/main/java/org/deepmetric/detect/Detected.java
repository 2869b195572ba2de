package org.deepmetric.detect;

import org.deepmetric.track.Box;

/**
 * One box a detector found, in the frame's pixels: its score (an SVM margin of about 0 to 3 for
 * HOG, a probability for YOLO) and its class (COCO's numbering for YOLO, 0 = person; always 0 for HOG).
 */
public record Detected(Box box, double score, int classId) {}
