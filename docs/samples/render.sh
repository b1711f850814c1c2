#!/bin/sh
# Page 1 of every printed form of the sample database, as PNG at 80 dpi (run from the checkout).
set -e
out=$(dirname "$0")
work=$(mktemp -d)
ziping-cli demo --db "$work/sample.sqlite3"
for form in self-eval self-eval-national targets dept-scorecard project-scorecard pack; do
  ziping-cli export-pdf --db "$work/sample.sqlite3" --year 2023 --form "$form" --out "$work/$form.pdf"
  pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$work/$form.pdf" "$out/$form"
done
pdftoppm -r 80 -png -f 2 -l 2 -singlefile "$work/pack.pdf" "$out/pack-contents"
# the seed's 处非专项经费 自评表, to set beside the published one
ziping-cli export-pdf --db "$work/sample.sqlite3" --year 2023 --form self-eval \
  --project 51090322T000000344324 --out "$work/self-eval-chufei.pdf"
pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$work/self-eval-chufei.pdf" "$out/self-eval-chufei"
# the register as 打印列表 prints it, and its statistics page
for form in register-list register-stats; do
  ziping-cli export-pdf --db "$work/sample.sqlite3" --year 2023 --form "$form" --out "$work/$form.pdf"
  pdftoppm -r 80 -png -f 1 -l 1 -singlefile "$work/$form.pdf" "$out/$form"
done
# 部门决算公开表: the sample's 13 Sichuan tables, one page each, at 60 dpi (tables-01.png … tables-13.png)
ziping-cli export-pdf --db "$work/sample.sqlite3" --year 2023 --form tables --out "$work/tables.pdf"
pdftoppm -r 60 -png "$work/tables.pdf" "$out/tables"
# the 决算说明: the pages with the seven charts, and the first 附表 (公开01表)
ziping-cli export-pdf --db "$work/sample.sqlite3" --year 2023 --form report --out "$work/report.pdf"
for page in 1 2 3 4 6 10; do
  pdftoppm -r 60 -png -f $page -l $page -singlefile "$work/report.pdf" "$out/report-pdf-page$page"
done
rm -r "$work"
