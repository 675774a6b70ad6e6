"""Load the 35 OAS member states and the organizations the concept note names."""

from django.db import migrations


def load(apps, schema_editor):
    from delegations.reference import reference_data_load

    reference_data_load(
        apps.get_model("delegations", "MemberState"),
        apps.get_model("delegations", "Organization"),
    )


def unload(apps, schema_editor):
    from delegations.reference import ORGANIZATIONS

    apps.get_model("delegations", "Organization").objects.filter(
        acronym__in=[row["acronym"] for row in ORGANIZATIONS]
    ).delete()
    apps.get_model("delegations", "MemberState").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("delegations", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
