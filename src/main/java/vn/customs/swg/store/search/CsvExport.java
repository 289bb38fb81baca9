package vn.customs.swg.store.search;

/**
 * What an export wrote.
 *
 * @param rows data rows written (the header line not counted)
 * @param truncated true when more messages matched than {@code limit} and the export stopped there
 * @param limit the most rows one export writes
 */
public record CsvExport(long rows, boolean truncated, int limit) {}
