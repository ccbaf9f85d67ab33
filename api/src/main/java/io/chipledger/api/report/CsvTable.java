package io.chipledger.api.report;

import java.util.List;

/**
 * An answer that can also be written as CSV ({@code Accept: text/csv}, RFC 4180): its header and
 * its rows, each cell plain text. {@link CsvMessageConverter} writes it.
 */
public interface CsvTable {

    List<String> csvHeader();

    List<List<String>> csvRows();
}
