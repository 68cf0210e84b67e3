package dev.gatehouse.shared.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Lays blocks out top to bottom on A4 pages, starting a new page whenever the next line does not fit. */
final class PdfLayout {

	private static final float MARGIN = 50;

	private static final float BOTTOM = MARGIN + 20;

	private static final float TEXT_SIZE = 9.5f;

	private static final float LEADING = 12.5f;

	private static final float CELL_PADDING = 3;

	private static final float LABEL_WIDTH = 150;

	private final PDDocument document;

	private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

	private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

	private final float width;

	private PDPageContentStream content;

	private float y;

	PdfLayout(PDDocument document) throws IOException {
		this.document = document;
		this.width = PdfReport.newPage().getMediaBox().getWidth() - 2 * MARGIN;
		newPage();
	}

	void title(String title, String subtitle) throws IOException {
		for (String line : PdfText.wrap(title, bold, 16, width)) {
			text(line, bold, 16, MARGIN, y - 16);
			y -= 20;
		}
		if (subtitle != null) {
			content.setNonStrokingColor(0.35f, 0.35f, 0.35f);
			for (String line : PdfText.wrap(subtitle, regular, TEXT_SIZE, width)) {
				room(LEADING);
				text(line, regular, TEXT_SIZE, MARGIN, y - TEXT_SIZE);
				y -= LEADING;
			}
			content.setNonStrokingColor(0f, 0f, 0f);
		}
		y -= 6;
	}

	void heading(String heading) throws IOException {
		List<String> lines = PdfText.wrap(heading, bold, 12, width);
		// Keep a heading with at least two lines of what follows it.
		room(10 + lines.size() * 15 + 2 * LEADING);
		y -= 10;
		for (String line : lines) {
			text(line, bold, 12, MARGIN, y - 12);
			y -= 15;
		}
		y -= 2;
	}

	void paragraph(String paragraph) throws IOException {
		for (String line : PdfText.wrap(paragraph, regular, TEXT_SIZE, width)) {
			room(LEADING);
			text(line, regular, TEXT_SIZE, MARGIN, y - TEXT_SIZE);
			y -= LEADING;
		}
		y -= 4;
	}

	void fields(List<Map.Entry<String, String>> entries) throws IOException {
		for (Map.Entry<String, String> entry : entries) {
			List<String> labels = PdfText.wrap(entry.getKey(), bold, TEXT_SIZE, LABEL_WIDTH - 6);
			List<String> values = PdfText.wrap(entry.getValue() == null ? "" : entry.getValue(), regular, TEXT_SIZE,
					width - LABEL_WIDTH);
			int lines = Math.max(labels.size(), values.size());
			for (int i = 0; i < lines; i++) {
				room(LEADING);
				if (i < labels.size()) {
					text(labels.get(i), bold, TEXT_SIZE, MARGIN, y - TEXT_SIZE);
				}
				if (i < values.size()) {
					text(values.get(i), regular, TEXT_SIZE, MARGIN + LABEL_WIDTH, y - TEXT_SIZE);
				}
				y -= LEADING;
			}
		}
		y -= 4;
	}

	void table(List<String> headers, List<List<String>> rows, float[] relativeWidths) throws IOException {
		float[] columns = absolute(relativeWidths);
		List<List<String>> headerCells = cells(headers, columns, bold);
		float headerHeight = height(lines(headerCells));
		room(headerHeight + height(1));
		row(headerCells, columns, true);
		for (List<String> row : rows) {
			List<List<String>> cells = cells(row, columns, regular);
			int total = lines(cells);
			int drawn = 0;
			while (drawn < total) {
				int fitting = (int) Math.floor((y - BOTTOM - 2 * CELL_PADDING) / LEADING);
				if (fitting < Math.min(total - drawn, 3)) {
					// Not even the row (or three of its lines) fits: continue on a new page under the header again.
					newPage();
					row(headerCells, columns, true);
					continue;
				}
				int slice = Math.min(fitting, total - drawn);
				row(slice(cells, drawn, drawn + slice), columns, false);
				drawn += slice;
			}
		}
		y -= 8;
	}

	/** Closes the last page and numbers every page in its footer. */
	void finish(String title) throws IOException {
		content.close();
		int pages = document.getNumberOfPages();
		String name = PdfText.printable(title);
		for (int i = 0; i < pages; i++) {
			PDPage page = document.getPage(i);
			try (PDPageContentStream footer = PdfReport.append(document, page)) {
				content = footer;
				footer.setNonStrokingColor(0.4f, 0.4f, 0.4f);
				String number = "Page " + (i + 1) + " of " + pages;
				String left = PdfText.wrap(name, regular, 8, width - 80).getFirst();
				text(left, regular, 8, MARGIN, MARGIN);
				text(number, regular, 8, MARGIN + width - PdfText.width(number, regular, 8), MARGIN);
			}
		}
	}

	private void row(List<List<String>> cells, float[] columns, boolean header) throws IOException {
		float height = height(lines(cells));
		float x = MARGIN;
		if (header) {
			content.setNonStrokingColor(0.9f, 0.9f, 0.9f);
			content.addRect(MARGIN, y - height, width, height);
			content.fill();
			content.setNonStrokingColor(0f, 0f, 0f);
		}
		content.setStrokingColor(0.6f, 0.6f, 0.6f);
		content.setLineWidth(0.5f);
		for (int c = 0; c < columns.length; c++) {
			content.addRect(x, y - height, columns[c], height);
			content.stroke();
			float lineY = y - CELL_PADDING - TEXT_SIZE;
			for (String line : cells.get(c)) {
				text(line, header ? bold : regular, TEXT_SIZE, x + CELL_PADDING, lineY);
				lineY -= LEADING;
			}
			x += columns[c];
		}
		y -= height;
	}

	private List<List<String>> cells(List<String> values, float[] columns, PDFont font) {
		List<List<String>> cells = new ArrayList<>();
		for (int c = 0; c < columns.length; c++) {
			String value = values.get(c);
			cells.add(PdfText.wrap(value == null ? "" : value, font, TEXT_SIZE, columns[c] - 2 * CELL_PADDING));
		}
		return cells;
	}

	private static List<List<String>> slice(List<List<String>> cells, int from, int to) {
		return cells.stream().map(lines -> lines.subList(Math.min(from, lines.size()), Math.min(to, lines.size()))).toList();
	}

	private static int lines(List<List<String>> cells) {
		return cells.stream().mapToInt(List::size).max().orElse(1);
	}

	private static float height(int lines) {
		return lines * LEADING + 2 * CELL_PADDING;
	}

	private float[] absolute(float[] relative) {
		float sum = 0;
		for (float share : relative) {
			if (!(share > 0)) {
				throw new IllegalArgumentException("Column widths must be positive");
			}
			sum += share;
		}
		float[] columns = new float[relative.length];
		for (int i = 0; i < relative.length; i++) {
			columns[i] = relative[i] / sum * width;
		}
		return columns;
	}

	private void room(float needed) throws IOException {
		if (y - needed < BOTTOM) {
			newPage();
		}
	}

	private void newPage() throws IOException {
		if (content != null) {
			content.close();
		}
		PDPage page = PdfReport.newPage();
		document.addPage(page);
		content = new PDPageContentStream(document, page);
		y = page.getMediaBox().getHeight() - MARGIN;
	}

	private void text(String line, PDFont font, float size, float x, float baseline) throws IOException {
		content.beginText();
		content.setFont(font, size);
		content.newLineAtOffset(x, baseline);
		content.showText(line);
		content.endText();
	}

}
