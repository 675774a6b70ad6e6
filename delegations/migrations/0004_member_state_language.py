"""Record the language each member state's delegates speak (their default floor language)."""

from django.db import migrations, models

from delegations.reference import member_state_language


def set_languages(apps, schema_editor):
    member_state = apps.get_model("delegations", "MemberState")
    for state in member_state.objects.all():
        language = member_state_language(state.iso2)
        if state.language != language:
            state.language = language
            state.save(update_fields=["language"])


class Migration(migrations.Migration):
    dependencies = [
        ("delegations", "0003_reference_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="memberstate",
            name="language",
            field=models.CharField(
                choices=[
                    ("en", "English"),
                    ("es", "Spanish"),
                    ("fr", "French"),
                    ("pt", "Portuguese"),
                ],
                default="es",
                help_text=(
                    "The OAS official language its delegates usually speak: the default "
                    "floor language of its delegation's members."
                ),
                max_length=2,
                verbose_name="language",
            ),
        ),
        migrations.RunPython(set_languages, migrations.RunPython.noop),
    ]
