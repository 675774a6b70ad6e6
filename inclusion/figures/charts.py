"""Horizontal bar charts of the inclusion figures, as geometry for inline SVG.

Every number written into the SVG is a string in the same form in every language
("237.5", never "237,5"; ``live.report.svg_number``). A chart is never the only way to
read a figure: the table beside it carries the same figures, so a chart's text is
short (its title and truncated row labels). A withheld value draws no bar, only its
label ("fewer than 5").
"""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from live.report import svg_number

# Each row's label stands on its own line above its bars, so that the chart is narrow
# enough for a phone (360 units: 390 px less the page's margins) and its labels long.
WIDTH = 360
# Room after the longest bar for its value ("14:00", "fewer than 5").
VALUE_ROOM = 84
BAR_MAX_WIDTH = WIDTH - VALUE_ROOM
BAR_HEIGHT = 12
BAR_GAP = 2
ROW_GAP = 10
VALUE_GAP = 6
# The row label's line, above its bars.
LABEL_LINE = 16
# As many characters as a line holds at the chart's 12-unit type, "…" included.
LABEL_CHARS = 56
LEGEND_HEIGHT = 22
# The portal's blues (as the planned-versus-actual chart): dark for the first series.
COLOURS = ("#0b3d6e", "#5b8fc7")


def bar_chart(rows, *, series, title, maximum=None):
    """Return the geometry of a chart of ``rows``, one bar per series in each row.

    ``rows`` are ``{"label": str, "values": [number or None, ...], "labels": [str, ...]}``
    (one value and its printed label per series; None is withheld); ``series`` names
    the bars of a row (a legend is drawn when there are two). ``maximum`` is the value
    of a full bar (100 for shares), else the largest value.
    """
    values = [value for row in rows for value in row["values"] if value is not None]
    top = maximum if maximum is not None else max(values, default=0)
    scale = BAR_MAX_WIDTH / top if top else 0
    bars_height = len(series) * (BAR_HEIGHT + BAR_GAP)
    row_height = LABEL_LINE + bars_height + ROW_GAP
    drawn = []
    for index, row in enumerate(rows):
        top_y = index * row_height
        bars = []
        for position, (value, label) in enumerate(zip(row["values"], row["labels"], strict=True)):
            y = top_y + LABEL_LINE + position * (BAR_HEIGHT + BAR_GAP)
            width = (value or 0) * scale
            bars.append(
                {
                    "y": y,
                    "width": svg_number(width),
                    "colour": COLOURS[position % len(COLOURS)],
                    "label": label,
                    "label_x": svg_number(width + VALUE_GAP),
                    "label_y": y + BAR_HEIGHT - 2,
                    "is_hidden": value is None,
                }
            )
        drawn.append(
            {
                "label": Truncator(row["label"]).chars(LABEL_CHARS),
                "label_y": top_y + LABEL_LINE - 4,
                "bars": bars,
            }
        )
    legend_y = len(rows) * row_height + 4
    has_legend = len(series) > 1
    return {
        "title": title,
        "rows": drawn,
        "series": [
            {
                "label": name,
                "colour": COLOURS[position % len(COLOURS)],
                "x": 10 + position * 150,
                "text_x": 28 + position * 150,
            }
            for position, name in enumerate(series)
        ],
        "has_legend": has_legend,
        # Nothing to draw when every value is withheld or nil: the table says it.
        "has_bars": any(value for row in rows for value in row["values"]),
        "width": WIDTH,
        "height": legend_y + (LEGEND_HEIGHT if has_legend else 0),
        "legend_y": legend_y,
        "legend_text_y": legend_y + 10,
        "bar_height": BAR_HEIGHT,
    }


def women_share_chart(figures):
    """Return the chart of the share of women among the speakers, part by part and overall."""
    breakdowns = [
        *((part["title"], part) for part in figures["speakers"]["parts"]),
        (_("Whole meeting"), figures["speakers"]["meeting"]),
    ]
    return bar_chart(
        [
            {
                "label": label,
                "values": [breakdown["women_share"]["percent"]],
                "labels": [share_label(breakdown)],
            }
            for label, breakdown in breakdowns
            if breakdown["total"]["value"] != 0
        ],
        series=[_("Women, % of speakers")],
        title=_("Share of women among the speakers, by part"),
        maximum=100,
    )


def share_label(breakdown):
    """Return what a share bar says: "33%", or why it is not shown."""
    share = breakdown["women_share"]
    if share["value"] is not None:
        return share["label"]
    return _("not shown")


def counts_chart(breakdown, *, title):
    """Return the chart of a breakdown's counts, one bar per gender category."""
    return bar_chart(
        [
            {"label": cell["name"], "values": [cell["value"]], "labels": [cell["label"]]}
            for cell in breakdown["counts"]
        ],
        series=[_("Persons")],
        title=title,
    )


def time_chart(rows, *, title):
    """Return the chart of planned and actual minutes of time rows (genders, groups)."""
    return bar_chart(
        [
            {
                "label": row["label"],
                "values": [row["planned"]["minutes"], row["actual"]["minutes"]],
                "labels": [minutes_label(row["planned"]), minutes_label(row["actual"])],
            }
            for row in rows
        ],
        series=[_("Planned minutes"), _("Actual minutes")],
        title=title,
    )


def minutes_label(cell):
    if cell["is_hidden"]:
        return _("not shown")
    return cell["label"]


def terms_chart(terms, totals, *, title):
    """Return the chart of how many practices address each term (target group, instrument)."""
    return bar_chart(
        [
            {"label": term["name"], "values": [total], "labels": [str(total)]}
            for term, total in zip(terms, totals, strict=True)
        ],
        series=[_("Practices")],
        title=title,
    )


def figure_charts(figures):
    """Return every chart of the figures (``compute.display_figures``) a page draws."""
    practices = figures["practices"]
    return {
        "women_share": women_share_chart(figures),
        "speakers": counts_chart(
            figures["speakers"]["meeting"], title=_("Speakers of the meeting by gender")
        ),
        "heads": counts_chart(figures["heads"], title=_("Heads of delegation by gender")),
        "time_by_gender": time_chart(
            figures["time_by_gender"], title=_("Planned and actual speaking minutes by gender")
        ),
        "time_by_group": time_chart(
            figures["time_by_group"], title=_("Planned and actual speaking minutes by group")
        ),
        "target_groups": terms_chart(
            practices["target_groups"],
            practices["totals"]["by_target_group"],
            title=_("Published good practices by target group"),
        ),
        "instruments": terms_chart(
            practices["instruments"],
            practices["totals"]["by_instrument"],
            title=_("Published good practices by instrument"),
        ),
    }
