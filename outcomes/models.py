"""Good practices, cooperation offers and needs, their matches, and meeting outcomes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.enums import Language
from cidi_meeting.richtext import RichTextField
from cidi_meeting.versioning import VersionedModel
from outcomes.enums import CooperationKind, MatchStatus, Modality, PracticeStatus


class Taxonomy(models.Model):
    """A term of a list the secretariat can extend (instruments, groups, themes)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_es = models.CharField(_("name in Spanish"), max_length=200, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    name_pt = models.CharField(_("name in Portuguese"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered in forms"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        """Return the term in the active language, or in English when not translated."""
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name_en


class Instrument(Taxonomy):
    """A social-protection instrument type (cash transfer, non-contributory pension…)."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader instrument"),
    )

    class Meta(Taxonomy.Meta):
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")


class TargetGroup(Taxonomy):
    """A group in a situation of vulnerability that a programme serves."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Theme(Taxonomy):
    """A theme of cooperation (care systems, social registries…)."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class SdgTarget(models.Model):
    """A Sustainable Development Goal target, such as 1.3 (social protection floors)."""

    code = models.CharField(_("target"), max_length=8, unique=True)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code}"


class GoodPractice(VersionedModel):
    """A programme a delegation shares as a good practice, reviewed by the secretariat."""

    meeting = models.ForeignKey(
        "agenda.Meeting",
        on_delete=models.PROTECT,
        related_name="good_practices",
        verbose_name=_("meeting"),
    )
    delegation = models.ForeignKey(
        "delegations.Delegation",
        on_delete=models.PROTECT,
        related_name="good_practices",
        verbose_name=_("submitted by"),
    )
    title = models.CharField(_("title"), max_length=300)
    programme_name = models.CharField(_("programme name"), max_length=300, blank=True)
    language = models.CharField(
        _("written in"), max_length=2, choices=Language.choices, default=Language.ES
    )
    # Drafts may be incomplete; submission requires instruments, groups and a description.
    instruments = models.ManyToManyField(
        Instrument, blank=True, related_name="practices", verbose_name=_("instrument types")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="practices", verbose_name=_("target groups")
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, blank=True, related_name="practices", verbose_name=_("SDG targets")
    )
    period_start = models.PositiveSmallIntegerField(
        _("from (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    period_end = models.PositiveSmallIntegerField(
        _("until (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Leave empty while the programme runs."),
    )
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"), null=True, blank=True)
    population_share = models.DecimalField(
        _("share of the population (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    women_beneficiaries = models.PositiveIntegerField(
        _("women among the beneficiaries"), null=True, blank=True
    )
    budget_amount = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    budget_currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("ISO code, e.g. USD.")
    )
    description = RichTextField(_("description"), blank=True)
    results = RichTextField(_("results and evidence"), blank=True)
    lessons = RichTextField(_("lessons learned"), blank=True)
    transforms_gender_relations = models.BooleanField(
        _("designed to transform gender relations"), default=False
    )
    addresses_gbv_risks = models.BooleanField(
        _("addresses the risks of gender-based violence"), default=False
    )
    supports_care = models.BooleanField(_("supports care work and care systems"), default=False)
    sexual_reproductive_health = models.BooleanField(
        _("includes sexual and reproductive health care"), default=False
    )
    gender_notes = RichTextField(_("other gender-responsive features"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    status = models.CharField(
        _("status"), max_length=10, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    review_comment = models.TextField(_("secretariat's comments"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-updated_at"]
        indexes = [models.Index(fields=["status", "meeting"])]

    def __str__(self):
        return self.title

    @property
    def period_label(self):
        """Return the years the programme ran: "2019–2024", "Since 2008", "Until 2010"."""
        start, end = self.period_start, self.period_end
        if start and end:
            return gettext("%(start)s–%(end)s") % {"start": start, "end": end}
        if start:
            return gettext("Since %(start)s") % {"start": start}
        if end:
            return gettext("Until %(end)s") % {"end": end}
        return ""

    def get_absolute_url(self):
        return reverse("outcomes:practice_detail", kwargs={"pk": self.pk})

    @property
    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def is_published(self):
        return self.status == PracticeStatus.PUBLISHED


class PracticeAttachment(models.Model):
    """A document attached to a good practice (PDF or DOCX, checked by content)."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=4)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["practice", "uploaded_at"]

    def __str__(self):
        return self.original_name


class CooperationItem(VersionedModel):
    """An offer a delegation can share, or a need it has, for solidarity-based cooperation."""

    meeting = models.ForeignKey(
        "agenda.Meeting", on_delete=models.PROTECT, related_name="cooperation_items"
    )
    delegation = models.ForeignKey(
        "delegations.Delegation",
        on_delete=models.PROTECT,
        related_name="cooperation_items",
        verbose_name=_("delegation"),
    )
    kind = models.CharField(_("offer or need"), max_length=5, choices=CooperationKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = RichTextField(_("description"), blank=True)
    modality = models.CharField(_("form of cooperation"), max_length=25, choices=Modality.choices)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="cooperation_items", verbose_name=_("theme")
    )
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperation_items",
        verbose_name=_("instrument"),
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="cooperation_items", verbose_name=_("target groups")
    )
    practice = models.ForeignKey(
        GoodPractice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cooperation_items",
        verbose_name=_("related good practice"),
    )
    is_open = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cooperation offer or need")
        verbose_name_plural = _("cooperation offers and needs")
        ordering = ["meeting", "kind", "-created_at"]

    def __str__(self):
        return self.title


class CooperationMatch(VersionedModel):
    """An offer paired with a need, and the secretariat's follow-up of it."""

    offer = models.ForeignKey(
        CooperationItem, on_delete=models.CASCADE, related_name="matches_as_offer"
    )
    need = models.ForeignKey(
        CooperationItem, on_delete=models.CASCADE, related_name="matches_as_need"
    )
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    reason = models.CharField(_("why they match"), max_length=500, blank=True)
    status = models.CharField(
        _("follow-up"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cooperation match")
        verbose_name_plural = _("cooperation matches")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "need"], name="one_match_per_offer_and_need")
        ]

    def __str__(self):
        return f"{self.offer} ↔ {self.need}"


class OutcomeRecord(VersionedModel):
    """What the meeting concluded on one of its expected outcomes."""

    expected_outcome = models.OneToOneField(
        "agenda.ExpectedOutcome",
        on_delete=models.CASCADE,
        related_name="record",
        verbose_name=_("expected outcome"),
    )
    priorities = RichTextField(_("priorities for action"), blank=True)
    conclusions = RichTextField(_("conclusions"), blank=True)
    chair_summary = RichTextField(_("chair's summary"), blank=True)
    practices = models.ManyToManyField(
        GoodPractice, blank=True, related_name="outcome_records", verbose_name=_("good practices")
    )
    matches = models.ManyToManyField(
        CooperationMatch,
        blank=True,
        related_name="outcome_records",
        verbose_name=_("cooperation matches"),
    )
    interventions = models.ManyToManyField(
        "speakers.SpeakerSlot",
        blank=True,
        related_name="outcome_records",
        verbose_name=_("interventions"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("outcome record")
        verbose_name_plural = _("outcome records")

    def __str__(self):
        return str(self.expected_outcome)
