"""What the public may read of counts of persons: small counts are withheld.

The rule, for every figure shown to anyone but the secretariat:

* a count of persons from 1 to 4 is shown as "fewer than 5", and so is every cell of a
  breakdown whose total is below 5 (its zeros would tell what the few others are);
* in a breakdown (speakers by gender), when a single cell is withheld the smallest other
  non-zero cell is withheld too ("not shown"), so that it cannot be worked out from the
  total and the cells shown;
* a share is not shown when its numerator or its denominator is withheld, and the times
  of a gender or a group are not shown when its count of persons is withheld;
* zero is shown as 0, and counts of 5 or more as they are.

Good practices are not personal data and are never withheld.
"""

from django.utils.translation import gettext as _

THRESHOLD = 5


def is_suppressed(count):
    """Tell whether a count of persons is too small to show (1 to 4)."""
    return 0 < count < THRESHOLD


def withheld_label(count):
    """Return what a page prints in place of a withheld count."""
    if count < THRESHOLD:
        return _("fewer than %(threshold)s") % {"threshold": THRESHOLD}
    return _("not shown")


def hidden_cells(counts):
    """Return the keys of the cells of a breakdown (``{key: count}``) to withhold."""
    if is_suppressed(sum(counts.values())):
        return set(counts)
    hidden = {key for key, count in counts.items() if is_suppressed(count)}
    if len(hidden) == 1:
        # The one withheld cell would be the total minus the others: withhold another.
        order = list(counts)
        others = [key for key, count in counts.items() if key not in hidden and count > 0]
        if others:
            hidden.add(min(others, key=lambda key: (counts[key], order.index(key))))
    return hidden
