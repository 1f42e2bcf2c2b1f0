"""Issue 14: passport office texts in Swedish and English.

The existing columns become the Swedish ones (renamed, so nothing is copied or lost) and each
office's English texts start as a copy of them: nothing is guessed or translated here; staff
write the English in the admin. Reversing drops the English and renames the Swedish back.
"""

from django.db import migrations, models

TEXTS = ("name", "address", "opening_hours", "accessibility")


def english_from_existing(apps, schema_editor):
    Office = apps.get_model("booking", "Office")
    for office in Office.objects.all():
        for field in TEXTS:
            setattr(office, f"{field}_en", getattr(office, f"{field}_sv"))
        office.save(update_fields=[f"{field}_en" for field in TEXTS])


class Migration(migrations.Migration):

    dependencies = [
        ('booking', '0002_issue12_booking_purged_at'),
    ]

    operations = [
        migrations.RenameField(model_name='office', old_name='name', new_name='name_sv'),
        migrations.RenameField(model_name='office', old_name='address', new_name='address_sv'),
        migrations.RenameField(model_name='office', old_name='opening_hours', new_name='opening_hours_sv'),
        migrations.RenameField(model_name='office', old_name='accessibility', new_name='accessibility_sv'),
        migrations.AlterModelOptions(
            name='office',
            options={'ordering': ['name_sv'], 'verbose_name': 'passport office', 'verbose_name_plural': 'passport offices'},
        ),
        migrations.AlterField(
            model_name='office',
            name='name_sv',
            field=models.CharField(max_length=200, verbose_name='name (Swedish)'),
        ),
        migrations.AlterField(
            model_name='office',
            name='address_sv',
            field=models.CharField(max_length=300, verbose_name='address (Swedish)'),
        ),
        migrations.AlterField(
            model_name='office',
            name='opening_hours_sv',
            field=models.TextField(blank=True, verbose_name='opening hours (Swedish)'),
        ),
        migrations.AlterField(
            model_name='office',
            name='accessibility_sv',
            field=models.TextField(blank=True, verbose_name='accessibility (Swedish)'),
        ),
        migrations.AddField(
            model_name='office',
            name='name_en',
            field=models.CharField(default='', max_length=200, verbose_name='name (English)'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='office',
            name='address_en',
            field=models.CharField(default='', max_length=300, verbose_name='address (English)'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='office',
            name='opening_hours_en',
            field=models.TextField(blank=True, verbose_name='opening hours (English)'),
        ),
        migrations.AddField(
            model_name='office',
            name='accessibility_en',
            field=models.TextField(blank=True, verbose_name='accessibility (English)'),
        ),
        migrations.RunPython(english_from_existing, migrations.RunPython.noop, elidable=False),
    ]
