"""Load the 35 OAS member states (names in four languages) and the concept note's organizations."""

from django.db import migrations

from delegations.reference import ORGANIZATIONS, reference_data_load


def load(apps, schema_editor):
    reference_data_load(
        apps.get_model("delegations", "MemberState"),
        apps.get_model("delegations", "Organization"),
    )


def unload(apps, schema_editor):
    apps.get_model("delegations", "Organization").objects.filter(
        acronym__in=[row["acronym"] for row in ORGANIZATIONS]
    ).delete()
    apps.get_model("delegations", "MemberState").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("delegations", "0002_initial")]

    operations = [migrations.RunPython(load, unload)]
