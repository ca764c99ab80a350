package io.qpwscope.engine.mm;

/** struct folio_batch: up to PAGEVEC_SIZE (31) folios. Folios are counted, ids are not needed. */
final class FolioBatch {
    static final int PAGEVEC_SIZE = 31;
    int nr;

    /** @return true when the batch is now full and must be moved to the LRU. */
    boolean add() {
        return ++nr == PAGEVEC_SIZE;
    }
}
