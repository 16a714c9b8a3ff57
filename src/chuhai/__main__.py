from chuhai.cli import main

main()
