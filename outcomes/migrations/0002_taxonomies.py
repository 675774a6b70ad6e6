"""Load the starting taxonomies: instruments, target groups, themes and SDG targets."""

from django.db import migrations

from outcomes.reference import taxonomies_load


def load(apps, schema_editor):
    taxonomies_load(
        apps.get_model("outcomes", "Instrument"),
        apps.get_model("outcomes", "TargetGroup"),
        apps.get_model("outcomes", "Theme"),
        apps.get_model("outcomes", "SdgTarget"),
    )


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
